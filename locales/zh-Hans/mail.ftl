# Mails: each in its recipient's language, subject included. Placeables hold names,
# dates, codes and links; the HTML mails escape every value.
mail-signature = JPA 协调服务
mail-greeting = { $name }，您好：
mail-exercise = 此为演练。
mail-exercise-tag = 【演练】

## Invitation
mail-invite-subject = 您的 JPA 协调服务账户
mail-invite-body = 已在 JPA 协调服务上为您创建账户。请在 72 小时内设置密码：
mail-invite-link = 设置密码
mail-ignore = 如您未预期收到此邮件，请忽略。

## Password reset
mail-reset-subject = 重置您的 JPA 协调服务密码
mail-reset-body = 有人申请重置您的 JPA 协调服务账户密码。请在 1 小时内设置新密码：
mail-reset-link = 重置密码
mail-reset-ignore = 如非本人操作，请忽略此邮件；您的密码保持不变。

## Security notice
mail-security-subject = 安全通知：您的 JPA 协调服务账户已变更
mail-security-password_changed = 您的账户密码已被修改
mail-security-password_reset = 您的账户密码已通过邮件链接重置，所有会话均已退出
mail-security-two_factor_enabled = 您的账户已开启双因素登录
mail-security-two_factor_disabled = 您的账户已关闭双因素登录
mail-security-recovery_codes_replaced = 已为您的账户生成新恢复码，旧恢复码已失效
mail-security-body = { $when }，在 JPA 协调服务上，{ $what }。
mail-security-advice = 如为本人操作，无需采取任何行动。如非本人操作，请立即告知管理员：他人可能能够以您的身份登录。
mail-security-link = 您账户的登录设置
mail-security-after-sign-in = （登录后）

## Monthly return reminders
mail-due-soon-subject = [{ $code }] { $period } 月报应于 { $due } 提交
mail-overdue-subject = [{ $code }] { $period } 月报已逾期（第 { $number } 次提醒，共 3 次）
mail-due-soon-body = { $agency } 在 { $code }（{ $jpa }）中 { $period } 的月报应于 { $due } 提交。
mail-overdue-body = { $agency } 在 { $code }（{ $jpa }）中 { $period } 的月报应于 { $due } 提交，但尚未提交（第 { $number } 次提醒，共 3 次）。
mail-file-here = 提交月报
mail-nil-counts = 零报告（“本月无新情况”）视为已提交。
mail-milestones-heading = { $agency } 已逾期或将在 30 天内到期的里程碑：
mail-overdue-mark = 已逾期

## Co-chairs' digest
mail-digest-subject = [{ $code }] { $period } 月报：各机构提交情况
mail-digest-body = { $code }（{ $jpa }）{ $period } 的月报，截止日期 { $due }：
mail-digest-agency = 机构
mail-digest-country = 国家
mail-digest-return = 月报
mail-digest-overdue-milestones = 逾期里程碑
mail-digest-state-on_time = 按时
mail-digest-state-late = 逾期提交
mail-digest-state-missing = 未提交
mail-digest-overdue-count = { $count ->
    [one] 1 个逾期里程碑
   *[other] { $count } 个逾期里程碑
}
mail-digest-totals = 按时：{ $on_time }，逾期提交：{ $late }，未提交：{ $missing }。
mail-digest-compliance = 报送情况
