export const id = 273;
export const ids = [273];
export const modules = {

/***/ 1273:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createLogsClient: () => (/* binding */ createLogsClient)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4255);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2944);
/** The CloudWatch Logs client, in a module of its own so that it can be loaded when needed. */


function createLogsClient(options) {
    return (0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .withEndpointInErrors */ .c$)(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_1__/* .CloudWatchLogsClient */ .TFr((0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .clientSettings */ .ry)(options)));
}
//# sourceMappingURL=logs-client.js.map

/***/ })

};

//# sourceMappingURL=273.index.js.map