# The name of this language, in itself (language pickers list each language by it).
language-name = 简体中文
# The pages' Chinese (Simplified) messages (Project Fluent).

service-name = JPA 协调服务
skip-to-content = 跳至正文
signed-in-as = 当前登录：{ $name }
sign-out = 退出登录
nav-label = 主导航
nav-jpas = JPA 列表
nav-me = 我的账户
jpa-bar-current = 当前 JPA：
jpa-bar-switch = 切换 JPA
jpa-nav-label = { $code } 的页面
nav-jpa-home = 概览
nav-jpa-investigations = 调查
nav-jpa-returns = 月报
nav-jpa-compliance = 报送情况
nav-jpa-progress = 进展
nav-jpa-dashboard = 仪表板
nav-jpa-compendium = 案例汇编
jpa-exercise-banner = 演练：本 JPA 为模拟演练，其数据并非真实案件。
footer-text = 联合行动期协调服务。仅供参与机构公务使用。

role-admin = 管理员
role-co_chair = 联合主席
role-liaison = 机构联络官
role-observer = 观察员

error-summary-title = 出现问题
error-prefix = 错误：
error-title-prefix = 错误：
error-generic = { $message }
error-home-link = 返回首页
error-request-id = 如需报告此问题，请提供请求编号 { $id }。
error-not-found-title = 未找到页面
error-not-found-body = 此地址没有页面，或您无权访问。如地址为手动输入，请检查是否正确。
error-forbidden-title = 您无权执行此操作
error-forbidden-body = 您的账户无此权限，或表单来自本服务以外。如您提交了表单，请返回、刷新页面后重试。
error-bad-request-title = 请求有误
error-bad-request-body = 请返回后重试。
error-conflict-title = 无法完成操作
error-conflict-body = 数据已被他人修改。请返回、刷新页面后重试。
error-unavailable-title = 抱歉，服务暂不可用
error-unavailable-body = 服务暂时无响应，请几分钟后重试。
error-internal-title = 抱歉，服务出现问题
error-internal-body = 请稍后重试。

field-email = 电子邮件地址
field-password = 密码
field-code = 验证码
field-current-password = 当前密码
field-new-password = 新密码
field-confirm-password = 确认新密码
password-hint = 12 至 128 个字符。由多个词组成的密码短语最容易记住。
back-to-sign-in = 返回登录

login-title = 登录
login-submit = 登录
login-forgot-link = 忘记密码？

totp-title = 输入验证码
totp-hint = 身份验证器应用显示的 6 位验证码，或您的一个恢复码。
totp-submit = 继续
totp-start-again = 重新开始

forgot-title = 重置密码
forgot-intro = 请输入您账户的电子邮件地址。我们将向您发送设置新密码的链接。
forgot-submit = 发送链接
forgot-sent-title = 请查收电子邮件
forgot-sent-body = 如该地址有对应账户，我们已向其发送设置新密码的链接，链接 1 小时内有效。如未收到，请检查垃圾邮件文件夹或重新申请。

set-password-title = 设置密码
set-password-submit = 设置密码
set-password-no-token = 此链接不完整。请原样使用邮件中的链接。
set-password-new-link = 申请新链接

me-title = 我的账户
me-name = 姓名
me-email = 电子邮件地址
me-role = 角色
me-password-heading = 修改密码
me-password-intro = 修改密码后，您在其他位置的登录会话将结束。
me-password-submit = 修改密码
me-mfa-heading = 双因素登录
me-mfa-on = 双因素登录已开启。您需使用密码和身份验证器应用中的验证码登录。
me-mfa-off = 双因素登录未开启。开启后，您的账户将受身份验证器应用验证码保护。
me-mfa-enrol-hint = 如需开启，请确认您的当前密码。
me-mfa-enrol-submit = 开启双因素登录
me-codes-heading = 恢复码
me-codes-left = { $count ->
    [0] 您已没有未使用的恢复码。请立即生成新的恢复码。
    [one] 您还有 1 个未使用的恢复码。
   *[other] 您还有 { $count } 个未使用的恢复码。
  }
me-codes-intro = 新恢复码将取代所有旧恢复码。需要您的密码和当前验证码。
me-codes-submit = 生成新恢复码
me-mfa-disable-heading = 关闭双因素登录
me-mfa-disable-submit = 关闭双因素登录

enrol-title = 设置身份验证器应用
enrol-step-scan = 请用身份验证器应用扫描此二维码。
enrol-qr-alt = 将本账户添加到身份验证器应用的二维码
enrol-step-key = 如无法扫描，请在应用中输入以下密钥：
enrol-code-hint = 请输入应用当前显示的 6 位验证码。
enrol-submit = 开启
enrol-cancel = 取消

codes-title = 您的恢复码
codes-once = 请妥善保管这些恢复码。每个恢复码可代替应用验证码使用一次。恢复码仅显示这一次。
codes-done = 我已保存

jpas-title = 我的 JPA
jpas-caption = 您可查看的联合行动期
jpas-code = 代码
jpas-name = 名称
jpas-dates = 日期
jpas-status = 状态
jpas-exercise = 演练
jpas-date-range = { $start } 至 { $end }
jpa-status-planning = 筹备中
jpa-status-active = 进行中
jpa-status-closed = 已结束
jpas-none = 目前尚无您可查看的 JPA。
jpas-more = 仅列出前 100 个。

notice-signed-out = 您已退出登录。
notice-password-set = 密码已设置，现在可以登录。
notice-password-changed = 密码已修改，您的其他会话已结束。
notice-mfa-off = 双因素登录已关闭。
notice-mfa-required = 您的角色必须使用双因素登录。请在下方开启后继续。
notice-session-ended = 您的会话已结束，请重新登录。

err-email-missing = 请输入电子邮件地址
err-password-missing = 请输入密码
err-sign-in-refused = 请输入正确的电子邮件地址和密码
err-throttled = 尝试次数过多。请在{ $minutes ->
    [one] 1 分钟
   *[other] { $minutes } 分钟
  }后重试。
err-code-missing = 请输入验证码
err-code-refused = 验证码不正确或已超时。请输入当前验证码，或重新开始。
err-code-wrong = 该验证码不是身份验证器应用的当前验证码
err-password-or-code = 密码或验证码不正确
err-current-password = 当前密码不正确
err-current-password-missing = 请输入当前密码
err-new-password-missing = 请输入新密码
err-confirm-mismatch = 两次输入的密码不一致
err-password-too-short = 密码长度至少为 12 个字符
err-password-too-long = 密码长度最多为 128 个字符
err-password-common = 该密码过于常见或容易被猜到，请另选一个
err-token-invalid = 此链接无效、已被使用或已过期。请申请新链接

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = 语言
me-language-heading = 语言
me-language-label = 页面和邮件所用语言
me-language-save = 保存语言
notice-language-saved = 语言设置已保存。

## Months and dates as pages show them
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
# A period (a month of a year) written out, e.g. "2026年3月".
period-long = { $year }年{ $month }
# A day written out, e.g. "2026年3月10日".
date-long = { $year }年{ $month }{ $day }日
# Between groups of three digits in large numbers (1,234,567).
number-group-separator = ,
err-stale-form = 在此页面打开期间，您的账户已被更改。请检查下面的选择并再次保存。
err-locale-unknown = 请从列表中选择一种语言。
