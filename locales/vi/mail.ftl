# Mails: each in its recipient's language, subject included. Placeables hold names,
# dates, codes and links; the HTML mails escape every value.
mail-signature = Hệ thống điều phối JPA
mail-greeting = Kính gửi { $name },
mail-exercise = ĐÂY LÀ DIỄN TẬP.
mail-exercise-tag = [DIỄN TẬP]

## Invitation
mail-invite-subject = Tài khoản điều phối JPA của bạn
mail-invite-body = Một tài khoản đã được tạo cho bạn trên hệ thống điều phối JPA. Vui lòng đặt mật khẩu trong vòng 72 giờ:
mail-invite-link = Đặt mật khẩu
mail-ignore = Nếu bạn không chờ đợi thư này, hãy bỏ qua.

## Password reset
mail-reset-subject = Đặt lại mật khẩu điều phối JPA
mail-reset-body = Có yêu cầu đặt lại mật khẩu cho tài khoản điều phối JPA của bạn. Vui lòng đặt mật khẩu mới trong vòng một giờ:
mail-reset-link = Đặt lại mật khẩu
mail-reset-ignore = Nếu không phải bạn yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn vẫn giữ nguyên.

## Security notice
mail-security-subject = Thông báo bảo mật: tài khoản điều phối JPA của bạn đã thay đổi
mail-security-password_changed = mật khẩu tài khoản của bạn đã được đổi
mail-security-password_reset = mật khẩu tài khoản của bạn đã được đặt lại qua liên kết gửi bằng email, và mọi phiên đăng nhập đã bị đăng xuất
mail-security-two_factor_enabled = đăng nhập hai lớp đã được bật cho tài khoản của bạn
mail-security-two_factor_disabled = đăng nhập hai lớp đã bị tắt cho tài khoản của bạn
mail-security-recovery_codes_replaced = mã khôi phục mới đã được tạo cho tài khoản của bạn, và các mã cũ không còn hiệu lực
mail-security-body = Vào { $when }, { $what } trên hệ thống điều phối JPA.
mail-security-advice = Nếu đó là bạn, bạn không cần làm gì. Nếu không phải, hãy báo ngay cho quản trị viên: có thể người khác đang đăng nhập được bằng tài khoản của bạn.
mail-security-link = Cài đặt đăng nhập của tài khoản
mail-security-after-sign-in = (sau khi đăng nhập)

## Monthly return reminders
mail-due-soon-subject = [{ $code }] Báo cáo { $period } đến hạn vào { $due }
mail-overdue-subject = [{ $code }] Báo cáo { $period } đã quá hạn (nhắc lần { $number }/3)
mail-due-soon-body = Báo cáo { $period } của { $agency } trong { $code } ({ $jpa }) đến hạn vào { $due }.
mail-overdue-body = Báo cáo { $period } của { $agency } trong { $code } ({ $jpa }) đã đến hạn vào { $due } nhưng chưa được nộp (nhắc lần { $number }/3).
mail-file-here = Nộp báo cáo
mail-nil-counts = Báo cáo không phát sinh (“không có gì mới trong tháng”) được tính là đã nộp.
mail-milestones-heading = Các mốc tiến độ của { $agency } đã quá hạn hoặc đến hạn trong 30 ngày tới:
mail-overdue-mark = quá hạn

## Co-chairs' digest
mail-digest-subject = [{ $code }] Báo cáo { $period }: tình hình theo cơ quan
mail-digest-body = Báo cáo { $period } trong { $code } ({ $jpa }), hạn nộp { $due }:
mail-digest-agency = Cơ quan
mail-digest-country = Quốc gia
mail-digest-return = Báo cáo
mail-digest-overdue-milestones = Mốc tiến độ quá hạn
mail-digest-state-on_time = đúng hạn
mail-digest-state-late = nộp muộn
mail-digest-state-missing = chưa nộp
mail-digest-overdue-count = { $count ->
    [one] 1 mốc tiến độ quá hạn
   *[other] { $count } mốc tiến độ quá hạn
}
mail-digest-totals = Đúng hạn: { $on_time }, nộp muộn: { $late }, chưa nộp: { $missing }.
mail-digest-compliance = Tuân thủ
