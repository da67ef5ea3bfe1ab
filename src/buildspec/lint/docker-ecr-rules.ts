/**
 * Registry logins that break or leak: `aws ecr get-login` no longer exists in AWS CLI v2 (the
 * CLI on CodeBuild's current images), and `docker login -p` puts the password on the command
 * line, where the process list and shell traces show it.
 */
import type { Rule } from '../../lint/rule.js';
import type { BuildspecView } from './buildspec-view.js';
import { commandPath, rangeInCommand } from './command-location.js';

const ECR_GET_LOGIN = /\baws\b[^\n;&|]*?\becr\s+get-login\b(?!-)/g;
const DOCKER_LOGIN = /\bdocker\s+login\b[^\n;&|]*/g;
const PASSWORD_FLAG = /(?:^|\s)(-p|--password)(?=[\s=]|$)|(?:^|\s)(-p)(?=\S)/;

export const ecrGetLoginRule: Rule<BuildspecView> = {
  id: 'buildspec/ecr-get-login',
  severity: 'error',
  summary:
    '`aws ecr get-login` was removed in AWS CLI v2; use get-login-password | docker login --password-stdin.',
  check(view, report) {
    for (const command of view.commands) {
      if (!command.text) continue;
      for (const match of command.text.value.matchAll(ECR_GET_LOGIN)) {
        report(
          rangeInCommand(command, match.index ?? 0, match[0].length),
          `${commandPath(command)} uses "aws ecr get-login", which AWS CLI v2 (on CodeBuild's current images) no longer has: the command fails. Use: aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com`,
        );
      }
    }
  },
};

export const dockerLoginPasswordRule: Rule<BuildspecView> = {
  id: 'buildspec/docker-login-password',
  severity: 'warning',
  summary:
    '`docker login -p/--password` puts the password on the command line; use --password-stdin.',
  check(view, report) {
    for (const command of view.commands) {
      if (!command.text) continue;
      for (const login of command.text.value.matchAll(DOCKER_LOGIN)) {
        const flag = PASSWORD_FLAG.exec(login[0]);
        if (!flag) continue;
        const option = flag[1] ?? flag[2] ?? '-p';
        const index = (login.index ?? 0) + flag.index + flag[0].indexOf(option);
        report(
          rangeInCommand(command, index, option.length),
          `${commandPath(command)} passes the password to docker login with ${option}: it shows in the process list and in shell traces, and docker warns about it. Pipe it in: printf '%s' "$PASSWORD" | docker login --username USER --password-stdin REGISTRY`,
        );
      }
    }
  },
};
