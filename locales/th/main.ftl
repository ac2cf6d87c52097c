# The name of this language, in itself (language pickers list each language by it).
language-name = ไทย
# The pages' Thai messages (Project Fluent).

service-name = ระบบประสานงาน JPA
skip-to-content = ข้ามไปยังเนื้อหาหลัก
signed-in-as = เข้าสู่ระบบในชื่อ { $name }
sign-out = ออกจากระบบ
nav-label = เมนูหลัก
nav-jpas = JPA
nav-me = บัญชีของคุณ
jpa-bar-current = JPA ปัจจุบัน:
jpa-bar-switch = เปลี่ยน JPA
jpa-nav-label = หน้าของ { $code }
nav-jpa-home = ภาพรวม
nav-jpa-investigations = การสืบสวน
nav-jpa-returns = รายงานประจำเดือน
nav-jpa-compliance = การส่งตามกำหนด
nav-jpa-progress = ความคืบหน้า
nav-jpa-dashboard = แดชบอร์ด
nav-jpa-compendium = ประมวลคดี
jpa-exercise-banner = การฝึกซ้อม: JPA นี้เป็นการจำลองสถานการณ์ ตัวเลขในนี้ไม่ใช่คดีจริง
footer-text = ระบบประสานงานช่วงปฏิบัติการร่วม (Joint Period of Action) สำหรับใช้ในราชการของหน่วยงานที่เข้าร่วมเท่านั้น

role-admin = ผู้ดูแลระบบ
role-co_chair = ประธานร่วม
role-liaison = เจ้าหน้าที่ประสานงานของหน่วยงาน
role-observer = ผู้สังเกตการณ์

error-summary-title = พบปัญหา
error-prefix = ข้อผิดพลาด:
error-title-prefix = ข้อผิดพลาด:
error-generic = { $message }
error-home-link = ไปที่หน้าแรก
error-request-id = หากแจ้งปัญหานี้ โปรดระบุรหัสคำขอ { $id }
error-not-found-title = ไม่พบหน้าที่ต้องการ
error-not-found-body = ไม่มีหน้าที่ที่อยู่นี้ หรือคุณไม่มีสิทธิ์เข้าถึง หากคุณพิมพ์ที่อยู่เอง โปรดตรวจสอบว่าถูกต้อง
error-forbidden-title = คุณไม่สามารถดำเนินการนี้ได้
error-forbidden-body = บัญชีของคุณไม่มีสิทธิ์ดำเนินการนี้ หรือมีการส่งแบบฟอร์มมาจากภายนอกระบบ หากคุณส่งแบบฟอร์ม โปรดย้อนกลับ โหลดหน้าใหม่ แล้วลองอีกครั้ง
error-bad-request-title = คำขอนั้นมีข้อผิดพลาด
error-bad-request-body = โปรดย้อนกลับแล้วลองอีกครั้ง
error-conflict-title = ไม่สามารถดำเนินการนั้นได้
error-conflict-body = มีการเปลี่ยนแปลงข้อมูลในระหว่างนี้ โปรดย้อนกลับ โหลดหน้าใหม่ แล้วลองอีกครั้ง
error-unavailable-title = ขออภัย ระบบไม่พร้อมให้บริการ
error-unavailable-body = ขณะนี้ระบบไม่ตอบสนอง โปรดลองอีกครั้งในอีกสักครู่
error-internal-title = ขออภัย ระบบเกิดปัญหา
error-internal-body = โปรดลองอีกครั้งภายหลัง

field-email = ที่อยู่อีเมล
field-password = รหัสผ่าน
field-code = รหัส
field-current-password = รหัสผ่านปัจจุบัน
field-new-password = รหัสผ่านใหม่
field-confirm-password = ยืนยันรหัสผ่านใหม่
password-hint = 12 ถึง 128 ตัวอักษร วลีรหัสผ่านที่ประกอบด้วยหลายคำจะจดจำได้ง่ายที่สุด
back-to-sign-in = กลับไปหน้าเข้าสู่ระบบ

login-title = เข้าสู่ระบบ
login-submit = เข้าสู่ระบบ
login-forgot-link = ลืมรหัสผ่าน?

totp-title = กรอกรหัส
totp-hint = รหัส 6 หลักจากแอปยืนยันตัวตนของคุณ หรือรหัสกู้คืนรหัสใดรหัสหนึ่งของคุณ
totp-submit = ดำเนินการต่อ
totp-start-again = เริ่มใหม่

forgot-title = ตั้งรหัสผ่านใหม่
forgot-intro = กรอกที่อยู่อีเมลของบัญชีของคุณ ระบบจะส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ให้คุณ
forgot-submit = ส่งลิงก์
forgot-sent-title = โปรดตรวจสอบอีเมลของคุณ
forgot-sent-body = หากที่อยู่นี้มีบัญชีอยู่ ระบบได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปแล้ว ลิงก์ใช้ได้ 1 ชั่วโมง หากไม่ได้รับ โปรดตรวจสอบโฟลเดอร์สแปมหรือขอใหม่อีกครั้ง

set-password-title = ตั้งรหัสผ่าน
set-password-submit = ตั้งรหัสผ่าน
set-password-no-token = ลิงก์นี้ไม่สมบูรณ์ โปรดใช้ลิงก์จากอีเมลของคุณตามที่ได้รับโดยไม่แก้ไข
set-password-new-link = ขอลิงก์ใหม่

me-title = บัญชีของคุณ
me-name = ชื่อ
me-email = ที่อยู่อีเมล
me-role = บทบาท
me-password-heading = เปลี่ยนรหัสผ่าน
me-password-intro = เมื่อเปลี่ยนรหัสผ่าน เซสชันอื่นที่เข้าสู่ระบบอยู่จะสิ้นสุดลง
me-password-submit = เปลี่ยนรหัสผ่าน
me-mfa-heading = การเข้าสู่ระบบสองขั้นตอน
me-mfa-on = เปิดใช้การเข้าสู่ระบบสองขั้นตอนอยู่ คุณเข้าสู่ระบบด้วยรหัสผ่านและรหัสจากแอปยืนยันตัวตน
me-mfa-off = ปิดการเข้าสู่ระบบสองขั้นตอนอยู่ เปิดใช้เพื่อปกป้องบัญชีของคุณด้วยรหัสจากแอปยืนยันตัวตน
me-mfa-enrol-hint = หากต้องการเปิดใช้ โปรดยืนยันรหัสผ่านปัจจุบันของคุณ
me-mfa-enrol-submit = เปิดการเข้าสู่ระบบสองขั้นตอน
me-codes-heading = รหัสกู้คืน
me-codes-left = { $count ->
    [0] คุณไม่มีรหัสกู้คืนที่ยังไม่ได้ใช้เหลืออยู่ โปรดสร้างรหัสใหม่ทันที
    [one] คุณมีรหัสกู้คืนที่ยังไม่ได้ใช้เหลืออยู่ 1 รหัส
   *[other] คุณมีรหัสกู้คืนที่ยังไม่ได้ใช้เหลืออยู่ { $count } รหัส
  }
me-codes-intro = รหัสใหม่จะแทนที่รหัสเดิมทั้งหมด คุณต้องใช้รหัสผ่านและรหัสปัจจุบัน
me-codes-submit = สร้างรหัสกู้คืนใหม่
me-mfa-disable-heading = ปิดการเข้าสู่ระบบสองขั้นตอน
me-mfa-disable-submit = ปิดการเข้าสู่ระบบสองขั้นตอน

enrol-title = ตั้งค่าแอปยืนยันตัวตน
enrol-step-scan = สแกนคิวอาร์โค้ดนี้ด้วยแอปยืนยันตัวตนของคุณ
enrol-qr-alt = คิวอาร์โค้ดสำหรับเพิ่มบัญชีนี้ลงในแอปยืนยันตัวตน
enrol-step-key = หากสแกนไม่ได้ ให้กรอกคีย์นี้ในแอปแทน:
enrol-code-hint = กรอกรหัส 6 หลักที่แอปแสดงอยู่ขณะนี้
enrol-submit = เปิดใช้
enrol-cancel = ยกเลิก

codes-title = รหัสกู้คืนของคุณ
codes-once = โปรดเก็บรหัสเหล่านี้ไว้ในที่ปลอดภัย แต่ละรหัสใช้แทนรหัสจากแอปได้ครั้งเดียว และจะแสดงเพียงครั้งนี้ครั้งเดียว
codes-done = เก็บรหัสไว้แล้ว

jpas-title = JPA ของคุณ
jpas-caption = ช่วงปฏิบัติการร่วม (JPA) ที่คุณดูได้
jpas-code = รหัส
jpas-name = ชื่อ
jpas-dates = วันที่
jpas-status = สถานะ
jpas-exercise = การฝึกซ้อม
jpas-date-range = { $start } ถึง { $end }
jpa-status-planning = วางแผน
jpa-status-active = ดำเนินการ
jpa-status-closed = ปิดแล้ว
jpas-none = ยังไม่มี JPA ที่คุณดูได้
jpas-more = แสดงเฉพาะ 100 รายการแรก

notice-signed-out = คุณออกจากระบบแล้ว
notice-password-set = ตั้งรหัสผ่านแล้ว คุณเข้าสู่ระบบได้ทันที
notice-password-changed = เปลี่ยนรหัสผ่านแล้ว เซสชันอื่นของคุณสิ้นสุดลงแล้ว
notice-mfa-off = ปิดการเข้าสู่ระบบสองขั้นตอนแล้ว
notice-mfa-required = บทบาทของคุณต้องใช้การเข้าสู่ระบบสองขั้นตอน โปรดเปิดใช้ด้านล่างเพื่อดำเนินการต่อ
notice-session-ended = เซสชันของคุณสิ้นสุดแล้ว โปรดเข้าสู่ระบบอีกครั้ง

err-email-missing = กรอกที่อยู่อีเมลของคุณ
err-password-missing = กรอกรหัสผ่านของคุณ
err-sign-in-refused = กรอกที่อยู่อีเมลและรหัสผ่านให้ถูกต้อง
err-throttled = พยายามหลายครั้งเกินไป โปรดลองอีกครั้งใน { $minutes ->
    [one] 1 นาที
   *[other] { $minutes } นาที
  }
err-code-missing = กรอกรหัส
err-code-refused = รหัสไม่ถูกต้องหรือใช้เวลานานเกินไป โปรดกรอกรหัสปัจจุบัน หรือเริ่มใหม่
err-code-wrong = รหัสนี้ไม่ใช่รหัสปัจจุบันของแอปยืนยันตัวตนของคุณ
err-password-or-code = รหัสผ่านหรือรหัสไม่ถูกต้อง
err-current-password = รหัสผ่านปัจจุบันของคุณไม่ถูกต้อง
err-current-password-missing = กรอกรหัสผ่านปัจจุบันของคุณ
err-new-password-missing = กรอกรหัสผ่านใหม่
err-confirm-mismatch = รหัสผ่านทั้งสองไม่ตรงกัน
err-password-too-short = รหัสผ่านต้องมีอย่างน้อย 12 ตัวอักษร
err-password-too-long = รหัสผ่านต้องมีไม่เกิน 128 ตัวอักษร
err-password-common = รหัสผ่านนี้ใช้กันทั่วไปหรือเดาง่ายเกินไป โปรดเลือกรหัสผ่านอื่น
err-token-invalid = ลิงก์นี้ไม่ถูกต้อง ถูกใช้แล้ว หรือหมดอายุแล้ว โปรดขอลิงก์ใหม่

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = ภาษา
me-language-heading = ภาษา
me-language-label = ภาษาของหน้าเว็บและอีเมลของคุณ
me-language-save = บันทึกภาษา
notice-language-saved = บันทึกภาษาของคุณแล้ว

## Months and dates as pages show them
month-1 = มกราคม
month-2 = กุมภาพันธ์
month-3 = มีนาคม
month-4 = เมษายน
month-5 = พฤษภาคม
month-6 = มิถุนายน
month-7 = กรกฎาคม
month-8 = สิงหาคม
month-9 = กันยายน
month-10 = ตุลาคม
month-11 = พฤศจิกายน
month-12 = ธันวาคม
# A period (a month of a year) written out, e.g. "มีนาคม 2026" (Gregorian year).
period-long = { $month } { $year }
# A day written out, e.g. "10 มีนาคม 2026" (Gregorian year).
date-long = { $day } { $month } { $year }
# Between groups of three digits in large numbers (1,234,567).
number-group-separator = ,
err-stale-form = บัญชีของคุณมีการเปลี่ยนแปลงระหว่างที่เปิดหน้านี้อยู่ โปรดตรวจสอบตัวเลือกด้านล่างแล้วบันทึกอีกครั้ง
err-locale-unknown = โปรดเลือกภาษาจากรายการ
