# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = Quản trị
adm-nav-label = Các trang quản trị
adm-breadcrumbs = Vị trí hiện tại
adm-index-title = Quản trị
adm-index-lede = Thiết lập và vận hành hệ thống: ai được đăng nhập, các cơ quan và JPA, thư hệ thống gửi đi, và bản ghi mọi thay đổi.
adm-index-users = Mời người dùng, đổi vai trò hoặc cơ quan, vô hiệu hóa tài khoản.
adm-index-agencies = Các cơ quan thực thi pháp luật tham gia JPA.
adm-index-jpas = Tạo JPA, đặt thời gian và quy định báo cáo, thêm cơ quan tham gia, bắt đầu và kết thúc JPA.
adm-index-emails = Thư hệ thống đã gửi hoặc sẽ gửi, và chạy lượt nhắc theo yêu cầu.
adm-index-audit = Ai đã thay đổi gì, vào lúc nào.

adm-save = Lưu thay đổi
adm-cancel = Hủy
adm-none = không có
adm-exercise = diễn tập
adm-date-range = { $start } đến { $end }
adm-pager-first = Trang đầu
adm-pager-next = Trang sau
adm-filter-any = Tất cả
adm-filter-submit = Lọc
adm-filter-clear = Xóa bộ lọc
adm-fix-filters = Sửa bộ lọc ở trên để xem danh sách.
adm-col-status = Trạng thái
adm-col-dates = Thời gian
adm-col-state = Tài khoản
adm-col-two-factor = Đăng nhập hai lớp
adm-col-agency = Cơ quan
adm-col-actions = Thao tác
adm-col-created = Ngày tạo
adm-col-sent = Đã gửi
adm-col-subject = Tiêu đề
adm-col-recipient = Người nhận
adm-col-kind = Loại
adm-col-last-error = Lỗi gần nhất

# Field labels (also used in messages about a field).
adm-label-email = Địa chỉ email
adm-label-display_name = Họ tên
adm-label-role = Vai trò
adm-label-agency_id = Cơ quan
adm-label-active = Tài khoản
adm-label-name = Tên
adm-label-country = Quốc gia
adm-label-kind = Loại cơ quan
adm-label-contact_email = Email liên hệ
adm-label-code = Mã
adm-label-description = Mô tả
adm-label-start_date = Ngày bắt đầu
adm-label-end_date = Ngày kết thúc
adm-label-is_exercise = JPA này là diễn tập
adm-label-report_due_day = Ngày hạn nộp báo cáo tháng
adm-label-reminder_days_before = Số ngày nhắc trước hạn
adm-label-timezone = Múi giờ
adm-label-joined_on = Tham gia từ
adm-label-as_of = Chạy tính đến ngày
adm-label-status = Trạng thái
adm-label-version = Phiên bản

adm-role-admin = Quản trị viên
adm-role-co_chair = Đồng chủ tịch
adm-role-liaison = Cán bộ liên lạc
adm-role-observer = Quan sát viên
adm-kind-police = Cảnh sát
adm-kind-immigration = Xuất nhập cảnh
adm-kind-border = Biên phòng
adm-kind-customs = Hải quan
adm-kind-coast_guard = Cảnh sát biển
adm-kind-prosecution = Viện kiểm sát
adm-kind-intelligence = Tình báo
adm-kind-other = Khác

# Notices after a change (?notice=).
adm-notice-user-invited = Thư mời đang được gửi: người dùng mới đặt mật khẩu qua liên kết trong thư (hiệu lực 72 giờ).
adm-notice-user-saved = Đã lưu thay đổi của người dùng.
adm-notice-agency-created = Đã tạo cơ quan.
adm-notice-agency-saved = Đã lưu thay đổi của cơ quan.
adm-notice-jpa-created = Đã tạo JPA, ở trạng thái lập kế hoạch. Hãy thêm các cơ quan tham gia ở bên dưới, sau đó kích hoạt JPA.
adm-notice-jpa-saved = Đã lưu thay đổi của JPA.
adm-notice-jpa-active = JPA đang hoạt động: các cơ quan phải nộp báo cáo và thư nhắc sẽ được gửi.
adm-notice-jpa-closed = JPA đã kết thúc và chỉ được xem.
adm-notice-agency-added = Cơ quan đã tham gia JPA.
adm-notice-agency-removed = Cơ quan không còn tham gia JPA.
adm-notice-reminders-ran = Đã chạy lượt nhắc.
adm-notice-stale = Người khác đã thay đổi mục này trong lúc đó. Thay đổi của bạn chưa được lưu: chúng vẫn còn trong biểu mẫu bên dưới. Nếu lưu lại, thay đổi của người kia sẽ bị thay thế.
adm-notice-stale-link = Xem phiên bản hiện tại

# Error messages.
adm-err-required = { $label }: hãy nhập giá trị
adm-err-field = { $label }: { $message }
adm-err-rejected = Không thể lưu các thông tin này; hãy kiểm tra và thử lại
adm-err-choice = Chọn một trong các lựa chọn hiển thị
adm-err-date = Nhập ngày theo dạng năm-tháng-ngày, ví dụ 2026-03-15
adm-err-cursor = Trang này của danh sách không tồn tại; hãy bắt đầu lại từ trang đầu
adm-err-email-missing = Nhập địa chỉ email của người được mời
adm-err-email = Nhập địa chỉ email theo dạng name@agency.gov
adm-err-email-taken = Đã có người dùng với địa chỉ email này
adm-err-display_name-missing = Nhập họ tên
adm-err-role-missing = Chọn vai trò
adm-err-active-missing = Chọn tài khoản có hoạt động hay không
adm-err-liaison-agency = Chọn cơ quan của cán bộ liên lạc này: cán bộ liên lạc phải thuộc một cơ quan
adm-err-agency-unknown = Chọn một cơ quan trong danh sách
adm-err-last-admin = Đây là quản trị viên hoạt động cuối cùng: hãy chỉ định người dùng khác làm quản trị viên trước
adm-err-name-missing = Nhập tên
adm-err-country-missing = Chọn quốc gia
adm-err-country = Chọn một quốc gia trong danh sách
adm-err-kind-missing = Chọn loại cơ quan
adm-err-contact_email-missing = Nhập email liên hệ
adm-err-contact_email = Nhập email liên hệ theo dạng desk@agency.gov
adm-err-agency-name-taken = Đã có cơ quan với tên này
adm-err-code-missing = Nhập mã
adm-err-code = Nhập mã từ 1 đến 50 ký tự gồm chữ cái, chữ số, dấu gạch ngang hoặc gạch dưới
adm-err-code-taken = Đã có JPA với mã này
adm-err-start_date-missing = Nhập ngày bắt đầu
adm-err-end_date-missing = Nhập ngày kết thúc
adm-err-report_due_day-missing = Nhập ngày hạn nộp báo cáo tháng
adm-err-reminder_days_before-missing = Nhập số ngày gửi thư nhắc trước hạn nộp
adm-err-timezone-missing = Chọn múi giờ
adm-err-end-before-start = Ngày kết thúc không được trước ngày bắt đầu
adm-err-end-too-late = Ngày kết thúc không được quá 24 tháng sau ngày bắt đầu
adm-err-report_due_day = Nhập ngày hạn nộp là số nguyên từ 1 đến 28
adm-err-reminder_days_before = Nhập số ngày nhắc là số nguyên từ 0 đến 28
adm-err-timezone = Chọn một múi giờ trong danh sách
adm-err-jpa-closed = JPA đã kết thúc và chỉ được xem: không thể thay đổi gì
adm-err-agency-missing = Chọn cơ quan cần thêm
adm-err-agency-in-use = { $agency } đang chủ trì hoặc phối hợp một vụ điều tra trong JPA này nên không thể rời JPA. Hãy chuyển các vụ điều tra đó cho cơ quan khác trước.
adm-err-status-choice = Thao tác chuyển trạng thái này không có trên trang. Hãy xem trạng thái bên dưới và thử lại.
adm-err-status-stale = Người khác đã thay đổi JPA này trong lúc đó; chưa có gì thay đổi. Hãy xem trạng thái bên dưới trước khi xác nhận lại.
adm-err-status-refused = Trạng thái chỉ chuyển theo thứ tự: lập kế hoạch, đang hoạt động, đã kết thúc; hiện không thể chuyển theo hướng đó.
adm-err-status-invalid = Cần sửa thông tin của JPA trước khi đổi trạng thái: hãy chỉnh sửa JPA trước.
adm-err-audit-entity_type = Nhập loại đối tượng tối đa 64 ký tự
adm-err-audit-entity_id = Nhập mã đối tượng tối đa 100 ký tự
adm-err-audit-actor_id = Nhập người thực hiện bằng mã người dùng (UUID)
adm-err-audit-instant = Nhập ngày dạng 2026-03-15 hoặc thời điểm dạng 2026-03-15T08:00:00Z

# Users.
adm-users-title = Người dùng
adm-users-caption = Người dùng, mới nhất trước
adm-users-invite-button = Mời người dùng
adm-users-none = Chưa có người dùng nào.
adm-users-pager = Các trang người dùng
adm-active = Hoạt động
adm-deactivated = Đã vô hiệu hóa
adm-two-factor-on = Bật
adm-two-factor-off = Tắt
adm-user-invite-title = Mời người dùng
adm-user-invite-lede = Người được mời sẽ nhận thư có liên kết để đặt mật khẩu. Liên kết chỉ dùng được một lần, trong 72 giờ.
adm-user-invite-submit = Gửi thư mời
adm-user-edit-title = Sửa người dùng: { $name }
adm-hint-email = Thư mời được gửi đến địa chỉ này; đây cũng là địa chỉ dùng để đăng nhập.
adm-hint-role = Cán bộ liên lạc báo cáo cho cơ quan mình; đồng chủ tịch theo dõi mọi cơ quan; quan sát viên chỉ xem số liệu.
adm-hint-agency = Cán bộ liên lạc phải thuộc một cơ quan. Các vai trò khác có thể không thuộc cơ quan nào.
adm-no-agency = Không thuộc cơ quan
adm-hint-active = Được đăng nhập.
adm-hint-deactivate = Không được đăng nhập; các phiên đang mở kết thúc ngay.
adm-hint-deactivate-self = Không được đăng nhập; đây là tài khoản của chính bạn, bạn sẽ bị đăng xuất ngay.

# Agencies.
adm-agencies-title = Cơ quan
adm-agencies-caption = Cơ quan, mới nhất trước
adm-agencies-new-button = Tạo cơ quan
adm-agencies-none = Chưa có cơ quan nào.
adm-agencies-pager = Các trang cơ quan
adm-agency-new-title = Tạo cơ quan
adm-agency-edit-title = Sửa cơ quan: { $name }
adm-agency-create-submit = Tạo cơ quan
adm-hint-agency-name = Tên đầy đủ, như các cơ quan khác vẫn biết đến.
adm-hint-contact_email = Đầu mối của cơ quan, để đồng chủ tịch liên hệ.
adm-choose-country = Chọn quốc gia
adm-choose-kind = Chọn loại

# JPAs.
adm-jpas-title = Các JPA
adm-jpas-caption = Các Giai đoạn Hành động Chung, mới nhất trước
adm-jpas-new-button = Tạo JPA
adm-jpas-new-link = JPA mới
adm-jpas-none = Chưa có JPA nào.
adm-jpas-pager = Các trang JPA
adm-jpa-new-title = Tạo JPA
adm-jpa-new-lede = JPA mới bắt đầu ở trạng thái lập kế hoạch: hãy thêm các cơ quan tham gia, sau đó kích hoạt.
adm-jpa-create-submit = Tạo JPA
adm-jpa-edit-title = Sửa JPA { $code }
adm-jpa-title = JPA { $code } (quản trị)
adm-jpa-caption = Quản trị JPA
adm-jpa-exercise-banner = JPA này là diễn tập.
adm-jpa-edit-link = Sửa thông tin
adm-jpa-open-link = Mở các trang của JPA
adm-jpa-audit-link = Các thay đổi trong nhật ký kiểm tra
adm-jpa-closed-readonly = JPA này đã kết thúc và chỉ được xem.
adm-hint-code = Chữ cái, chữ số, dấu gạch ngang hoặc gạch dưới, ví dụ JPA-2026.
adm-hint-description = Không bắt buộc. Mục đích của JPA.
adm-hint-date = Năm-tháng-ngày, ví dụ 2026-03-15.
adm-hint-end_date-new = Năm-tháng-ngày. Để trống thì lấy 12 tháng kể từ ngày bắt đầu.
adm-hint-is_exercise = Thư nhắc và các trang của JPA được đánh dấu là diễn tập.
adm-hint-report_due_day = Từ 1 đến 28: báo cáo của một tháng đến hạn vào ngày này của tháng sau.
adm-hint-reminder_days_before = Từ 0 đến 28: thời điểm gửi thư nhắc "sắp đến hạn".
adm-hint-timezone = "Hôm nay" đối với hạn nộp và thư nhắc là ngày theo múi giờ này.
adm-jpa-status-heading = Trạng thái
adm-jpa-status-now-planning = JPA đang được lập kế hoạch: chưa phải nộp báo cáo và chưa gửi thư nhắc.
adm-jpa-status-now-active = JPA đang diễn ra: các cơ quan phải nộp báo cáo và thư nhắc được gửi.
adm-jpa-status-now-closed = JPA đã kết thúc: chỉ được xem, và không thể đổi trạng thái nữa.
adm-jpa-move-to-active = Kích hoạt…
adm-jpa-move-to-closed = Kết thúc…
adm-participants-heading = Cơ quan tham gia
adm-participants-caption = Các cơ quan tham gia { $code }
adm-participants-none = Chưa có cơ quan nào tham gia.
adm-participants-all = Tất cả các cơ quan đều đã tham gia.
adm-participant-add-heading = Thêm cơ quan
adm-participant-add = Thêm cơ quan
adm-participant-remove = Gỡ bỏ
adm-choose-agency = Chọn cơ quan
adm-hint-joined_on-planning = Không bắt buộc, năm-tháng-ngày. Để trống: từ ngày bắt đầu JPA.
adm-hint-joined_on-active = Không bắt buộc, năm-tháng-ngày. Để trống: từ hôm nay. Phải nộp báo cáo từ tháng này trở đi.
adm-hint-joined_on-closed = Không bắt buộc, năm-tháng-ngày.
adm-status-title-active = Kích hoạt { $code }?
adm-status-title-closed = Kết thúc { $code }?
adm-status-title-none = { $code } đã kết thúc
adm-status-explain-active = Khi đã kích hoạt, mọi cơ quan tham gia phải nộp báo cáo tháng và thư nhắc bắt đầu được gửi. Không thể quay lại trạng thái lập kế hoạch.
adm-status-explain-closed = Khi đã kết thúc, JPA chỉ được xem: không thể thay đổi vụ điều tra, mốc tiến độ, kết quả hay báo cáo nào nữa. Không thể hoàn tác.
adm-status-confirm-active = Có, kích hoạt
adm-status-confirm-closed = Có, kết thúc
adm-status-keep = Không, giữ nguyên
adm-status-back = Quay lại JPA
adm-status-problem = Chưa có gì thay đổi

# The outbox and the reminder pass.
adm-emails-title = Hộp thư đi
adm-emails-lede = Mọi thư hệ thống đã đưa vào hàng đợi, mới nhất trước. Nội dung thư không hiển thị: thư mời và thư đặt lại mật khẩu chứa liên kết bí mật.
adm-outbox-heading = Thư
adm-emails-caption = Thư trong hộp thư đi, mới nhất trước
adm-emails-filter-label = Lọc thư
adm-emails-none = Chưa có thư nào trong hàng đợi.
adm-emails-none-filtered = Không có thư nào ở trạng thái này.
adm-emails-pager = Các trang thư
adm-not-sent = chưa gửi
adm-attempts = { $n ->
    [one] 1 lần thử
   *[other] { $n } lần thử
}
adm-mail-status-pending = Đang chờ
adm-mail-status-sending = Đang gửi
adm-mail-status-sent = Đã gửi
adm-mail-status-failed = Thất bại
adm-reminders-heading = Chạy lượt nhắc ngay
adm-reminders-lede = Bộ lập lịch chạy một lượt mỗi ngày. Mỗi lượt đưa vào hàng đợi các thư nhắc đến hạn của từng JPA đang hoạt động và không bao giờ gửi trùng một thư nhắc.
adm-hint-as_of = Không bắt buộc, năm-tháng-ngày: chạy như thể hôm nay là ngày này. Để trống: hôm nay theo múi giờ của từng JPA.
adm-reminders-run = Chạy lượt nhắc
adm-reminders-as-of = Tính đến { $date }.
adm-reminders-today = Tính đến hôm nay.
adm-reminders-due-soon = { $n ->
    [one] Đã xếp hàng 1 thư nhắc "sắp đến hạn"
   *[other] Đã xếp hàng { $n } thư nhắc "sắp đến hạn"
}
adm-reminders-overdue = { $n ->
    [one] Đã xếp hàng 1 thư nhắc quá hạn
   *[other] Đã xếp hàng { $n } thư nhắc quá hạn
}
adm-reminders-digest = { $n ->
    [one] Đã xếp hàng 1 bản tổng hợp gửi đồng chủ tịch
   *[other] Đã xếp hàng { $n } bản tổng hợp gửi đồng chủ tịch
}

# The audit log.
adm-audit-title = Nhật ký kiểm tra
adm-audit-lede = Mọi thay đổi, mới nhất trước, kèm người thực hiện và thời điểm (giờ UTC). Với các trường được bảo vệ của vụ điều tra, chỉ ghi nhận là đã thay đổi.
adm-audit-filter-label = Lọc nhật ký kiểm tra
adm-audit-entity_type = Loại đối tượng
adm-audit-hint-entity_type = ví dụ jpa, agency, user, investigation
adm-audit-entity_id = Mã đối tượng
adm-audit-actor_id = Người thực hiện (mã người dùng)
adm-audit-from = Từ
adm-audit-to = Trước
adm-audit-hint-time = Một ngày (2026-03-15) hoặc một thời điểm theo giờ UTC.
adm-audit-caption = Sự kiện kiểm tra, mới nhất trước
adm-audit-col-actor = Người thực hiện
adm-audit-col-entity = Đối tượng
adm-audit-col-request = Mã yêu cầu
adm-audit-system = hệ thống
adm-audit-by-actor-id = Mọi thay đổi do { $id } thực hiện
adm-audit-of-entity = Mọi thay đổi của { $id }
adm-audit-changes-of = Các trường thay đổi bởi { $action }
adm-audit-col-field = Trường
adm-audit-col-before = Trước
adm-audit-col-after = Sau
adm-audit-no-fields = Không ghi nhận trường nào.
adm-audit-changed-withheld = đã thay đổi (không ghi giá trị)
adm-audit-none = Chưa có sự kiện kiểm tra nào.
adm-audit-none-filtered = Không có sự kiện nào khớp bộ lọc.
adm-audit-pager = Các trang nhật ký kiểm tra
adm-label-locale = Ngôn ngữ
adm-hint-locale-new = Các trang và thư, kể cả thư mời, sẽ dùng ngôn ngữ này. Người dùng có thể đổi ngôn ngữ trên trang tài khoản.
adm-hint-locale = Ngôn ngữ của các trang và thư của người dùng này.
adm-locale-default = Ngôn ngữ của quốc gia của cơ quan (nếu không có thì tiếng Anh)
adm-label-organisation = Tổ chức
adm-hint-organisation = Chỉ dành cho quan sát viên: tổ chức quốc tế mà họ thuộc về, như UNODC hoặc IOM. Họ đăng ký quan tâm trong kế hoạch công tác nhân danh tổ chức này.
