/** Who did something, as a person reads it: the user or role session of an IAM ARN. */
export function principalName(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user) return user[1];
  const session = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (session) return `${session[2]} (role ${session[1]})`;
  return arn;
}
