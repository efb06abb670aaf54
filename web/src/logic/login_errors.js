// How the login screen presents each refusal: a banner type and title over the server's Chinese
// detail (which says what to do).
export function loginNotice(error) {
  const code = error && error.code;
  const detail = (error && error.detail) || '登录失败，请稍后重试';
  switch (code) {
    case 'auth.locked':
      return { type: 'warning', title: '账号已锁定', detail };
    case 'auth.disabled':
      return { type: 'error', title: '账号已停用', detail };
    case 'auth.bad_credentials':
      return { type: 'error', title: '用户名或密码错误', detail };
    case 'network':
      return { type: 'error', title: '无法连接服务器', detail };
    default:
      return { type: 'error', title: '登录失败', detail };
  }
}
