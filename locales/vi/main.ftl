# The name of this language, in itself (language pickers list each language by it).
language-name = Tiếng Việt
# The pages' Vietnamese messages (Project Fluent).

service-name = Điều phối JPA
skip-to-content = Chuyển đến nội dung chính
signed-in-as = Đã đăng nhập: { $name }
sign-out = Đăng xuất
nav-label = Điều hướng chính
nav-jpas = Các JPA
nav-me = Tài khoản
jpa-bar-current = JPA hiện tại:
jpa-bar-switch = Đổi JPA
jpa-nav-label = Các trang của { $code }
nav-jpa-home = Tổng quan
nav-jpa-investigations = Vụ điều tra
nav-jpa-returns = Báo cáo tháng
nav-jpa-compliance = Tuân thủ
nav-jpa-progress = Tiến độ
nav-jpa-dashboard = Bảng theo dõi
nav-jpa-compendium = Tuyển tập vụ việc
jpa-exercise-banner = Diễn tập: JPA này là mô phỏng. Số liệu của JPA này không phải là vụ việc thật.
footer-text = Điều phối Giai đoạn Hành động Chung. Chỉ dành cho công vụ của các cơ quan tham gia.

role-admin = quản trị viên
role-co_chair = đồng chủ tịch
role-liaison = cán bộ liên lạc
role-observer = quan sát viên

error-summary-title = Đã xảy ra sự cố
error-prefix = Lỗi:
error-title-prefix = Lỗi:
error-generic = { $message }
error-home-link = Về trang đầu
error-request-id = Khi báo lỗi này, vui lòng nêu mã yêu cầu { $id }.
error-not-found-title = Không tìm thấy trang
error-not-found-body = Không có trang nào tại địa chỉ này, hoặc bạn không có quyền truy cập. Nếu bạn tự nhập địa chỉ, hãy kiểm tra lại.
error-forbidden-title = Bạn không thể thực hiện thao tác này
error-forbidden-body = Tài khoản của bạn không được phép thực hiện thao tác này, hoặc biểu mẫu được gửi từ bên ngoài hệ thống. Nếu bạn vừa gửi biểu mẫu, hãy quay lại, tải lại trang và thử lại.
error-bad-request-title = Yêu cầu không hợp lệ
error-bad-request-body = Hãy quay lại và thử lại.
error-conflict-title = Không thể thực hiện
error-conflict-body = Dữ liệu đã thay đổi trong lúc đó. Hãy quay lại, tải lại trang và thử lại.
error-unavailable-title = Rất tiếc, hệ thống tạm thời không hoạt động
error-unavailable-body = Hệ thống hiện không phản hồi. Vui lòng thử lại sau vài phút.
error-internal-title = Rất tiếc, hệ thống gặp sự cố
error-internal-body = Vui lòng thử lại sau.

field-email = Địa chỉ email
field-password = Mật khẩu
field-code = Mã
field-current-password = Mật khẩu hiện tại
field-new-password = Mật khẩu mới
field-confirm-password = Xác nhận mật khẩu mới
password-hint = Từ 12 đến 128 ký tự. Một cụm từ gồm nhiều từ là dễ nhớ nhất.
back-to-sign-in = Quay lại đăng nhập

login-title = Đăng nhập
login-submit = Đăng nhập
login-forgot-link = Quên mật khẩu?

totp-title = Nhập mã
totp-hint = Mã 6 chữ số trong ứng dụng xác thực, hoặc một trong các mã khôi phục của bạn.
totp-submit = Tiếp tục
totp-start-again = Bắt đầu lại

forgot-title = Đặt lại mật khẩu
forgot-intro = Nhập địa chỉ email của tài khoản. Chúng tôi sẽ gửi cho bạn một đường liên kết để đặt mật khẩu mới.
forgot-submit = Gửi liên kết
forgot-sent-title = Kiểm tra email
forgot-sent-body = Nếu địa chỉ này có tài khoản, chúng tôi đã gửi đến đó một đường liên kết để đặt mật khẩu mới. Liên kết có hiệu lực trong 1 giờ. Nếu không nhận được, hãy kiểm tra thư mục thư rác hoặc yêu cầu lại.

set-password-title = Đặt mật khẩu
set-password-submit = Đặt mật khẩu
set-password-no-token = Liên kết này không đầy đủ. Hãy dùng nguyên vẹn liên kết trong email.
set-password-new-link = Yêu cầu liên kết mới

me-title = Tài khoản của bạn
me-name = Họ tên
me-email = Địa chỉ email
me-role = Vai trò
me-password-heading = Đổi mật khẩu
me-password-intro = Khi bạn đổi mật khẩu, các phiên đăng nhập khác của bạn sẽ kết thúc.
me-password-submit = Đổi mật khẩu
me-mfa-heading = Đăng nhập hai lớp
me-mfa-on = Đăng nhập hai lớp đang bật. Bạn đăng nhập bằng mật khẩu và mã từ ứng dụng xác thực.
me-mfa-off = Đăng nhập hai lớp đang tắt. Hãy bật để bảo vệ tài khoản bằng mã từ ứng dụng xác thực.
me-mfa-enrol-hint = Để bật, hãy xác nhận mật khẩu hiện tại.
me-mfa-enrol-submit = Bật đăng nhập hai lớp
me-codes-heading = Mã khôi phục
me-codes-left = { $count ->
    [0] Bạn không còn mã khôi phục nào chưa dùng. Hãy tạo mã mới ngay.
    [one] Bạn còn 1 mã khôi phục chưa dùng.
   *[other] Bạn còn { $count } mã khôi phục chưa dùng.
  }
me-codes-intro = Mã mới sẽ thay thế toàn bộ mã cũ. Bạn cần mật khẩu và một mã hiện hành.
me-codes-submit = Tạo mã khôi phục mới
me-mfa-disable-heading = Tắt đăng nhập hai lớp
me-mfa-disable-submit = Tắt đăng nhập hai lớp

enrol-title = Thiết lập ứng dụng xác thực
enrol-step-scan = Quét mã QR này bằng ứng dụng xác thực.
enrol-qr-alt = Mã QR để thêm tài khoản này vào ứng dụng xác thực
enrol-step-key = Nếu không quét được, hãy nhập khóa này vào ứng dụng:
enrol-code-hint = Nhập mã 6 chữ số đang hiển thị trong ứng dụng.
enrol-submit = Bật
enrol-cancel = Hủy

codes-title = Mã khôi phục của bạn
codes-once = Hãy cất giữ các mã này ở nơi an toàn. Mỗi mã dùng được một lần, thay cho mã từ ứng dụng. Các mã chỉ hiển thị duy nhất lần này.
codes-done = Tôi đã lưu các mã

jpas-title = Các JPA của bạn
jpas-caption = Các Giai đoạn Hành động Chung bạn được xem
jpas-code = Mã
jpas-name = Tên
jpas-dates = Thời gian
jpas-status = Trạng thái
jpas-exercise = diễn tập
jpas-date-range = { $start } đến { $end }
jpa-status-planning = Lập kế hoạch
jpa-status-active = Đang hoạt động
jpa-status-closed = Đã kết thúc
jpas-none = Chưa có JPA nào để bạn xem.
jpas-more = Chỉ liệt kê 100 JPA đầu tiên.

notice-signed-out = Bạn đã đăng xuất.
notice-password-set = Mật khẩu đã được đặt. Bây giờ bạn có thể đăng nhập.
notice-password-changed = Mật khẩu đã được đổi. Các phiên đăng nhập khác của bạn đã kết thúc.
notice-mfa-off = Đăng nhập hai lớp đã tắt.
notice-mfa-required = Vai trò của bạn bắt buộc dùng đăng nhập hai lớp. Hãy bật ở bên dưới để tiếp tục.
notice-session-ended = Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.

err-email-missing = Nhập địa chỉ email
err-password-missing = Nhập mật khẩu
err-sign-in-refused = Nhập đúng địa chỉ email và mật khẩu
err-throttled = Thử quá nhiều lần. Hãy thử lại sau { $minutes ->
    [one] 1 phút
   *[other] { $minutes } phút
  }.
err-code-missing = Nhập mã
err-code-refused = Mã không đúng hoặc đã quá thời gian. Hãy nhập mã hiện hành, hoặc bắt đầu lại.
err-code-wrong = Mã này không phải là mã hiện hành của ứng dụng xác thực
err-password-or-code = Mật khẩu hoặc mã không đúng
err-current-password = Mật khẩu hiện tại không đúng
err-current-password-missing = Nhập mật khẩu hiện tại
err-new-password-missing = Nhập mật khẩu mới
err-confirm-mismatch = Hai mật khẩu không khớp nhau
err-password-too-short = Mật khẩu phải có ít nhất 12 ký tự
err-password-too-long = Mật khẩu chỉ được tối đa 128 ký tự
err-password-common = Mật khẩu quá phổ biến hoặc quá dễ đoán; hãy chọn mật khẩu khác
err-token-invalid = Liên kết này không hợp lệ, đã được sử dụng hoặc đã hết hạn. Hãy yêu cầu liên kết mới

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = Ngôn ngữ
me-language-heading = Ngôn ngữ
me-language-label = Ngôn ngữ của các trang và thư
me-language-save = Lưu ngôn ngữ
notice-language-saved = Đã lưu ngôn ngữ.

## Months and dates as pages show them
month-1 = tháng 1
month-2 = tháng 2
month-3 = tháng 3
month-4 = tháng 4
month-5 = tháng 5
month-6 = tháng 6
month-7 = tháng 7
month-8 = tháng 8
month-9 = tháng 9
month-10 = tháng 10
month-11 = tháng 11
month-12 = tháng 12
# A period (a month of a year) written out, e.g. "tháng 3 năm 2026".
period-long = { $month } năm { $year }
# A day written out, e.g. "ngày 10 tháng 3 năm 2026".
date-long = ngày { $day } { $month } năm { $year }
# Between groups of three digits in large numbers (1.234.567).
number-group-separator = .
err-stale-form = Tài khoản của bạn đã thay đổi trong khi trang này đang mở. Hãy kiểm tra lựa chọn bên dưới và lưu lại.
err-locale-unknown = Hãy chọn một ngôn ngữ trong danh sách.
