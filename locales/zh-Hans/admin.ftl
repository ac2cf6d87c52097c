# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = 系统管理
adm-nav-label = 系统管理页面
adm-breadcrumbs = 当前位置
adm-index-title = 系统管理
adm-index-lede = 设置和运行本服务：谁可以登录、各机构和 JPA、服务发送的邮件，以及每次变更的记录。
adm-index-users = 邀请人员，更改其角色或所属机构，停用账户。
adm-index-agencies = 参与 JPA 的各执法机构。
adm-index-jpas = 创建 JPA，设置其日期和报送规则，添加参与机构，启动和结束 JPA。
adm-index-emails = 服务已发送或待发送的邮件，以及手动执行提醒。
adm-index-audit = 谁在何时更改了什么。

adm-save = 保存更改
adm-cancel = 取消
adm-none = 无
adm-exercise = 演练
adm-date-range = { $start } 至 { $end }
adm-pager-first = 第一页
adm-pager-next = 下一页
adm-filter-any = 全部
adm-filter-submit = 应用筛选
adm-filter-clear = 清除筛选
adm-fix-filters = 请更正上方的筛选条件以查看列表。
adm-col-status = 状态
adm-col-dates = 日期
adm-col-state = 账户
adm-col-two-factor = 双因素登录
adm-col-agency = 机构
adm-col-actions = 操作
adm-col-created = 创建时间
adm-col-sent = 发送时间
adm-col-subject = 主题
adm-col-recipient = 收件人
adm-col-kind = 类型
adm-col-last-error = 最近错误

# Field labels (also used in messages about a field).
adm-label-email = 电子邮件地址
adm-label-display_name = 姓名
adm-label-role = 角色
adm-label-agency_id = 机构
adm-label-active = 账户
adm-label-name = 名称
adm-label-country = 国家
adm-label-kind = 机构类型
adm-label-contact_email = 联系电子邮件地址
adm-label-code = 代码
adm-label-description = 说明
adm-label-start_date = 开始日期
adm-label-end_date = 结束日期
adm-label-is_exercise = 本 JPA 为演练
adm-label-report_due_day = 月报截止日（每月几日）
adm-label-reminder_days_before = 截止日前几天提醒
adm-label-timezone = 时区
adm-label-joined_on = 参与起始日期
adm-label-as_of = 按此日期执行
adm-label-status = 状态
adm-label-version = 版本

adm-role-admin = 管理员
adm-role-co_chair = 联合主席
adm-role-liaison = 机构联络官
adm-role-observer = 观察员
adm-kind-police = 警察
adm-kind-immigration = 移民
adm-kind-border = 边境保护
adm-kind-customs = 海关
adm-kind-coast_guard = 海岸警卫
adm-kind-prosecution = 检察
adm-kind-intelligence = 情报
adm-kind-other = 其他

# Notices after a change (?notice=).
adm-notice-user-invited = 邀请邮件已发出：新用户可通过邮件中的链接设置密码（72 小时内有效）。
adm-notice-user-saved = 用户更改已保存。
adm-notice-agency-created = 机构已创建。
adm-notice-agency-saved = 机构更改已保存。
adm-notice-jpa-created = JPA 已创建，处于筹备阶段。请在下方添加参与机构，然后将其启动。
adm-notice-jpa-saved = JPA 更改已保存。
adm-notice-jpa-active = JPA 已启动：各机构须报送月报，提醒将发出。
adm-notice-jpa-closed = JPA 已结束，现为只读。
adm-notice-agency-added = 该机构已参与本 JPA。
adm-notice-agency-removed = 该机构已不再参与本 JPA。
adm-notice-reminders-ran = 提醒已执行。
adm-notice-stale = 此内容已被他人修改。您的更改尚未保存，仍保留在下方表单中。再次保存将覆盖他人的更改。
adm-notice-stale-link = 改为查看当前版本

# Error messages.
adm-err-required = { $label }：请输入内容
adm-err-field = { $label }：{ $message }
adm-err-rejected = 无法保存这些信息，请检查后重试
adm-err-choice = 请从所列选项中选择一项
adm-err-date = 请按“年-月-日”格式输入日期，例如 2026-03-15
adm-err-cursor = 列表中不存在该页，请从第一页重新开始
adm-err-email-missing = 请输入被邀请人的电子邮件地址
adm-err-email = 请输入格式如 name@agency.gov 的电子邮件地址
adm-err-email-taken = 已存在使用此电子邮件地址的用户
adm-err-display_name-missing = 请输入姓名
adm-err-role-missing = 请选择角色
adm-err-active-missing = 请选择账户是否启用
adm-err-liaison-agency = 请选择该联络官所属机构：联络官必须隶属某一机构
adm-err-agency-unknown = 请从列表中选择机构
adm-err-last-admin = 这是最后一个启用的管理员账户：请先将其他用户设为管理员
adm-err-name-missing = 请输入名称
adm-err-country-missing = 请选择国家
adm-err-country = 请从列表中选择国家
adm-err-kind-missing = 请选择机构类型
adm-err-contact_email-missing = 请输入联系电子邮件地址
adm-err-contact_email = 请输入格式如 desk@agency.gov 的联系电子邮件地址
adm-err-agency-name-taken = 已存在同名机构
adm-err-code-missing = 请输入代码
adm-err-code = 请输入 1 至 50 个字母、数字、连字符或下划线组成的代码
adm-err-code-taken = 已存在使用此代码的 JPA
adm-err-start_date-missing = 请输入开始日期
adm-err-end_date-missing = 请输入结束日期
adm-err-report_due_day-missing = 请输入月报截止日
adm-err-reminder_days_before-missing = 请输入截止日前几天发送提醒
adm-err-timezone-missing = 请选择时区
adm-err-end-before-start = 结束日期不得早于开始日期
adm-err-end-too-late = 结束日期最晚为开始日期后 24 个月
adm-err-report_due_day = 截止日须为 1 至 28 的整数
adm-err-reminder_days_before = 提醒天数须为 0 至 28 的整数
adm-err-timezone = 请从列表中选择时区
adm-err-jpa-closed = 该 JPA 已结束，现为只读：不能做任何更改
adm-err-agency-missing = 请选择要添加的机构
adm-err-agency-in-use = { $agency } 在本 JPA 中牵头或合作开展调查，因此不能退出。请先将相关调查转给其他机构。
adm-err-status-choice = 本页面不提供该状态变更。请查看下方状态后重试。
adm-err-status-stale = 此 JPA 已被他人修改，未做任何更改。请先查看下方状态，再重新确认。
adm-err-status-refused = 状态只能依次从筹备中变为进行中，再变为已结束；目前不能这样变更。
adm-err-status-invalid = 须先更正 JPA 的信息才能变更其状态：请先编辑该 JPA。
adm-err-audit-entity_type = 请输入不超过 64 个字符的实体类型
adm-err-audit-entity_id = 请输入不超过 100 个字符的实体编号
adm-err-audit-actor_id = 请以用户编号（UUID）输入操作人
adm-err-audit-instant = 请输入日期（如 2026-03-15）或时间（如 2026-03-15T08:00:00Z）

# Users.
adm-users-title = 用户
adm-users-caption = 用户（最新在前）
adm-users-invite-button = 邀请用户
adm-users-none = 尚无用户。
adm-users-pager = 用户列表分页
adm-active = 已启用
adm-deactivated = 已停用
adm-two-factor-on = 已开启
adm-two-factor-off = 未开启
adm-user-invite-title = 邀请用户
adm-user-invite-lede = 被邀请人将收到一封带有设置密码链接的邮件。该链接仅可使用一次，72 小时内有效。
adm-user-invite-submit = 发送邀请
adm-user-edit-title = 编辑用户：{ $name }
adm-hint-email = 邀请将发送至此地址；该地址也是其登录名。
adm-hint-role = 联络官代表所属机构报送；联合主席跟进所有机构；观察员仅可查看数据。
adm-hint-agency = 联络官必须隶属某一机构。其他角色可不隶属任何机构。
adm-no-agency = 无机构
adm-hint-active = 可以登录。
adm-hint-deactivate = 不能登录；其现有会话立即结束。
adm-hint-deactivate-self = 不能登录；这是您本人的账户，您将被立即退出登录。

# Agencies.
adm-agencies-title = 机构
adm-agencies-caption = 机构（最新在前）
adm-agencies-new-button = 创建机构
adm-agencies-none = 尚无机构。
adm-agencies-pager = 机构列表分页
adm-agency-new-title = 创建机构
adm-agency-edit-title = 编辑机构：{ $name }
adm-agency-create-submit = 创建机构
adm-hint-agency-name = 机构全称，即其他机构所熟知的名称。
adm-hint-contact_email = 该机构的值班联系邮箱，供联合主席使用。
adm-choose-country = 选择国家
adm-choose-kind = 选择类型

# JPAs.
adm-jpas-title = JPA
adm-jpas-caption = 联合行动期（最新在前）
adm-jpas-new-button = 创建 JPA
adm-jpas-new-link = 新建 JPA
adm-jpas-none = 尚无 JPA。
adm-jpas-pager = JPA 列表分页
adm-jpa-new-title = 创建 JPA
adm-jpa-new-lede = 新 JPA 从筹备阶段开始：先添加参与机构，再将其启动。
adm-jpa-create-submit = 创建 JPA
adm-jpa-edit-title = 编辑 JPA { $code }
adm-jpa-title = JPA { $code }（管理）
adm-jpa-caption = JPA 管理
adm-jpa-exercise-banner = 本 JPA 为演练。
adm-jpa-edit-link = 编辑其信息
adm-jpa-open-link = 打开该 JPA 的页面
adm-jpa-audit-link = 审计日志中的相关变更
adm-jpa-closed-readonly = 本 JPA 已结束，现为只读。
adm-hint-code = 字母、数字、连字符或下划线，例如 JPA-2026。
adm-hint-description = 选填。说明本 JPA 的目的。
adm-hint-date = 年-月-日，例如 2026-03-15。
adm-hint-end_date-new = 年-月-日。留空则为开始日期后 12 个月。
adm-hint-is_exercise = 其提醒和页面将标注为演练。
adm-hint-report_due_day = 1 至 28：某月的月报须在次月该日前提交。
adm-hint-reminder_days_before = 0 至 28：“即将到期”提醒的发送时间。
adm-hint-timezone = 截止日期和提醒所依据的“今天”为该时区的日期。
adm-jpa-status-heading = 状态
adm-jpa-status-now-planning = 本 JPA 正在筹备：无须报送月报，不发送提醒。
adm-jpa-status-now-active = 本 JPA 正在进行：各机构须报送月报，提醒将发出。
adm-jpa-status-now-closed = 本 JPA 已结束：现为只读，其状态不能再变更。
adm-jpa-move-to-active = 启动…
adm-jpa-move-to-closed = 结束…
adm-participants-heading = 参与机构
adm-participants-caption = 参与 { $code } 的机构
adm-participants-none = 尚无机构参与。
adm-participants-all = 所有机构均已参与。
adm-participant-add-heading = 添加机构
adm-participant-add = 添加该机构
adm-participant-remove = 移除
adm-choose-agency = 选择机构
adm-hint-joined_on-planning = 选填，年-月-日。留空：自 JPA 开始之日起。
adm-hint-joined_on-active = 选填，年-月-日。留空：自今天起。自当月起须报送月报。
adm-hint-joined_on-closed = 选填，年-月-日。
adm-status-title-active = 启动 { $code }？
adm-status-title-closed = 结束 { $code }？
adm-status-title-none = { $code } 已结束
adm-status-explain-active = 启动后，每个参与机构均须报送月报，并开始发送提醒邮件。启动后不能退回筹备阶段。
adm-status-explain-closed = 结束后，本 JPA 为只读：调查、里程碑、成果和月报均不能再更改。此操作不可撤销。
adm-status-confirm-active = 是，启动
adm-status-confirm-closed = 是，结束
adm-status-keep = 否，保持不变
adm-status-back = 返回 JPA
adm-status-problem = 未做任何更改

# The outbox and the reminder pass.
adm-emails-title = 发件箱
adm-emails-lede = 服务已排队的所有邮件（最新在前）。不显示邮件正文：邀请和密码重置邮件含有保密链接。
adm-outbox-heading = 邮件
adm-emails-caption = 发件箱邮件（最新在前）
adm-emails-filter-label = 筛选邮件
adm-emails-none = 尚无排队的邮件。
adm-emails-none-filtered = 没有此状态的邮件。
adm-emails-pager = 邮件列表分页
adm-not-sent = 尚未发送
adm-attempts = { $n ->
    [one] 尝试 1 次
   *[other] 尝试 { $n } 次
}
adm-mail-status-pending = 待发送
adm-mail-status-sending = 发送中
adm-mail-status-sent = 已发送
adm-mail-status-failed = 发送失败
adm-reminders-heading = 立即执行提醒
adm-reminders-lede = 调度程序每天执行一次。每次执行会为每个进行中的 JPA 排队发送到期提醒，同一提醒不会重复发送。
adm-hint-as_of = 选填，年-月-日：假定今天为该日期执行。留空：按各 JPA 所在时区的今天执行。
adm-reminders-run = 执行提醒
adm-reminders-as-of = 截至 { $date }。
adm-reminders-today = 截至今天。
adm-reminders-due-soon = { $n ->
    [one] 已排队 1 条“即将到期”提醒
   *[other] 已排队 { $n } 条“即将到期”提醒
}
adm-reminders-overdue = { $n ->
    [one] 已排队 1 条逾期提醒
   *[other] 已排队 { $n } 条逾期提醒
}
adm-reminders-digest = { $n ->
    [one] 已排队 1 份联合主席摘要
   *[other] 已排队 { $n } 份联合主席摘要
}

# The audit log.
adm-audit-title = 审计日志
adm-audit-lede = 所有变更（最新在前），包括操作人和时间（UTC 时间）。调查的受保护字段仅显示已变更。
adm-audit-filter-label = 筛选审计日志
adm-audit-entity_type = 实体类型
adm-audit-hint-entity_type = 例如 jpa、agency、user、investigation
adm-audit-entity_id = 实体编号
adm-audit-actor_id = 操作人（用户编号）
adm-audit-from = 起始
adm-audit-to = 早于
adm-audit-hint-time = 日期（2026-03-15）或 UTC 时间。
adm-audit-caption = 审计事件（最新在前）
adm-audit-col-actor = 操作人
adm-audit-col-entity = 实体
adm-audit-col-request = 请求编号
adm-audit-system = 系统服务
adm-audit-by-actor-id = { $id } 的所有变更
adm-audit-of-entity = { $id } 的所有变更记录
adm-audit-changes-of = { $action } 变更的字段
adm-audit-col-field = 字段
adm-audit-col-before = 变更前
adm-audit-col-after = 变更后
adm-audit-no-fields = 未记录字段。
adm-audit-changed-withheld = 已变更（未记录值）
adm-audit-none = 尚无审计事件。
adm-audit-none-filtered = 没有符合筛选条件的事件。
adm-audit-pager = 审计日志分页
adm-label-locale = 语言
adm-hint-locale-new = 页面和邮件（包括邀请邮件）将使用此语言。用户可在其账户页面更改。
adm-hint-locale = 该用户页面和邮件所用的语言。
adm-locale-default = 机构所在国家的语言（否则为英语）
adm-label-organisation = 组织
adm-hint-organisation = 仅限观察员：其所属的国际组织，例如 UNODC 或 IOM。观察员以该组织的名义在工作计划中登记意向。
