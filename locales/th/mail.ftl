# Mails: each in its recipient's language, subject included.
mail-signature = ระบบประสานงาน JPA
mail-greeting = เรียน { $name }
mail-exercise = นี่คือการฝึกซ้อม
mail-exercise-tag = [การฝึกซ้อม]

## Invitation
mail-invite-subject = บัญชีระบบประสานงาน JPA ของคุณ
mail-invite-body = ได้มีการสร้างบัญชีสำหรับคุณในระบบประสานงาน JPA โปรดตั้งรหัสผ่านภายใน 72 ชั่วโมง:
mail-invite-link = ตั้งรหัสผ่าน
mail-ignore = หากคุณไม่ได้คาดว่าจะได้รับข้อความนี้ โปรดเพิกเฉย

## Password reset
mail-reset-subject = ตั้งรหัสผ่านใหม่สำหรับระบบประสานงาน JPA
mail-reset-body = มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชีระบบประสานงาน JPA ของคุณ โปรดตั้งรหัสผ่านใหม่ภายในหนึ่งชั่วโมง:
mail-reset-link = ตั้งรหัสผ่านใหม่
mail-reset-ignore = หากไม่ใช่คุณ โปรดเพิกเฉยต่อข้อความนี้ รหัสผ่านของคุณจะยังคงเดิม

## Security notice
mail-security-subject = แจ้งเตือนความปลอดภัย: บัญชีระบบประสานงาน JPA ของคุณมีการเปลี่ยนแปลง
mail-security-password_changed = มีการเปลี่ยนรหัสผ่านของบัญชีของคุณ
mail-security-password_reset = มีการตั้งรหัสผ่านใหม่ของบัญชีของคุณด้วยลิงก์ทางอีเมล และทุกเซสชันถูกออกจากระบบแล้ว
mail-security-two_factor_enabled = มีการเปิดการเข้าสู่ระบบสองขั้นตอนสำหรับบัญชีของคุณ
mail-security-two_factor_disabled = มีการปิดการเข้าสู่ระบบสองขั้นตอนสำหรับบัญชีของคุณ
mail-security-recovery_codes_replaced = มีการสร้างรหัสกู้คืนใหม่สำหรับบัญชีของคุณ และรหัสเดิมใช้ไม่ได้แล้ว
mail-security-body = เมื่อ { $when } { $what } ในระบบประสานงาน JPA
mail-security-advice = หากเป็นการดำเนินการของคุณ ไม่ต้องทำอะไรเพิ่มเติม หากไม่ใช่ โปรดแจ้งผู้ดูแลระบบทันที เนื่องจากอาจมีผู้อื่นเข้าสู่ระบบในนามของคุณได้
mail-security-link = การตั้งค่าการเข้าสู่ระบบของบัญชีของคุณ
mail-security-after-sign-in = (หลังจากเข้าสู่ระบบ)

## Monthly return reminders
mail-due-soon-subject = [{ $code }] รายงานประจำเดือน { $period } ครบกำหนดวันที่ { $due }
mail-overdue-subject = [{ $code }] รายงานประจำเดือน { $period } เกินกำหนดแล้ว (แจ้งเตือนครั้งที่ { $number } จาก 3)
mail-due-soon-body = รายงานประจำเดือนของ { $agency } สำหรับ { $period } ใน { $code } ({ $jpa }) ครบกำหนดวันที่ { $due }
mail-overdue-body = รายงานประจำเดือนของ { $agency } สำหรับ { $period } ใน { $code } ({ $jpa }) ครบกำหนดเมื่อวันที่ { $due } และยังไม่ได้ส่ง (แจ้งเตือนครั้งที่ { $number } จาก 3)
mail-file-here = ส่งรายงาน
mail-nil-counts = รายงานไม่มีความเคลื่อนไหว (“ไม่มีสิ่งใหม่ในเดือนนี้”) นับว่าได้ส่งรายงานแล้ว
mail-milestones-heading = หมุดหมายของ { $agency } ที่เกินกำหนดหรือครบกำหนดภายใน 30 วันข้างหน้า:
mail-overdue-mark = เกินกำหนด

## Co-chairs' digest
mail-digest-subject = [{ $code }] รายงานประจำเดือน { $period }: สถานะรายหน่วยงาน
mail-digest-body = รายงานประจำเดือน { $period } ใน { $code } ({ $jpa }) ครบกำหนดวันที่ { $due }:
mail-digest-agency = หน่วยงาน
mail-digest-country = ประเทศ
mail-digest-return = รายงาน
mail-digest-overdue-milestones = หมุดหมายที่เกินกำหนด
mail-digest-state-on_time = ตรงเวลา
mail-digest-state-late = ล่าช้า
mail-digest-state-missing = ไม่ได้ส่ง
mail-digest-overdue-count = { $count ->
    [one] หมุดหมายเกินกำหนด 1 รายการ
   *[other] หมุดหมายเกินกำหนด { $count } รายการ
}
mail-digest-totals = ตรงเวลา: { $on_time } ล่าช้า: { $late } ไม่ได้ส่ง: { $missing }
mail-digest-compliance = การส่งตามกำหนด
