# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = การดูแลระบบ
adm-nav-label = หน้าการดูแลระบบ
adm-breadcrumbs = ตำแหน่งปัจจุบัน
adm-index-title = การดูแลระบบ
adm-index-lede = ตั้งค่าและดูแลระบบ: ผู้ที่เข้าสู่ระบบได้ หน่วยงานและ JPA อีเมลที่ระบบส่ง และบันทึกการเปลี่ยนแปลงทุกรายการ
adm-index-users = เชิญผู้ใช้ เปลี่ยนบทบาทหรือหน่วยงาน ระงับบัญชี
adm-index-agencies = หน่วยงานบังคับใช้กฎหมายที่เข้าร่วม JPA
adm-index-jpas = สร้าง JPA กำหนดวันที่และกฎการรายงาน เพิ่มหน่วยงาน เริ่มและปิด JPA
adm-index-emails = อีเมลที่ระบบส่งแล้วหรือจะส่ง และการสั่งรันรอบการแจ้งเตือนทันที
adm-index-audit = ใครเปลี่ยนแปลงอะไร และเมื่อใด

adm-save = บันทึกการเปลี่ยนแปลง
adm-cancel = ยกเลิก
adm-none = ไม่มี
adm-exercise = การฝึกซ้อม
adm-date-range = { $start } ถึง { $end }
adm-pager-first = หน้าแรก
adm-pager-next = หน้าถัดไป
adm-filter-any = ทั้งหมด
adm-filter-submit = กรอง
adm-filter-clear = ล้างตัวกรอง
adm-fix-filters = แก้ไขตัวกรองด้านบนเพื่อดูรายการ
adm-col-status = สถานะ
adm-col-dates = วันที่
adm-col-state = บัญชี
adm-col-two-factor = การเข้าสู่ระบบสองขั้นตอน
adm-col-agency = หน่วยงาน
adm-col-actions = การดำเนินการ
adm-col-created = สร้างเมื่อ
adm-col-sent = ส่งเมื่อ
adm-col-subject = เรื่อง
adm-col-recipient = ผู้รับ
adm-col-kind = ประเภท
adm-col-last-error = ข้อผิดพลาดล่าสุด

# Field labels (also used in messages about a field).
adm-label-email = ที่อยู่อีเมล
adm-label-display_name = ชื่อ
adm-label-role = บทบาท
adm-label-agency_id = หน่วยงาน
adm-label-active = บัญชี
adm-label-name = ชื่อ
adm-label-country = ประเทศ
adm-label-kind = ประเภทหน่วยงาน
adm-label-contact_email = อีเมลติดต่อ
adm-label-code = รหัส
adm-label-description = คำอธิบาย
adm-label-start_date = วันที่เริ่มต้น
adm-label-end_date = วันที่สิ้นสุด
adm-label-is_exercise = JPA นี้เป็นการฝึกซ้อม
adm-label-report_due_day = วันที่ครบกำหนดส่งรายงานประจำเดือน
adm-label-reminder_days_before = แจ้งเตือนล่วงหน้าก่อนวันครบกำหนด (วัน)
adm-label-timezone = เขตเวลา
adm-label-joined_on = เข้าร่วมตั้งแต่
adm-label-as_of = รัน ณ วันที่
adm-label-status = สถานะ
adm-label-version = เวอร์ชัน

adm-role-admin = ผู้ดูแลระบบ
adm-role-co_chair = ประธานร่วม
adm-role-liaison = เจ้าหน้าที่ประสานงานของหน่วยงาน
adm-role-observer = ผู้สังเกตการณ์
adm-kind-police = ตำรวจ
adm-kind-immigration = ตรวจคนเข้าเมือง
adm-kind-border = รักษาชายแดน
adm-kind-customs = ศุลกากร
adm-kind-coast_guard = ยามฝั่ง
adm-kind-prosecution = อัยการ
adm-kind-intelligence = ข่าวกรอง
adm-kind-other = อื่น ๆ

# Notices after a change (?notice=).
adm-notice-user-invited = ส่งคำเชิญแล้ว ผู้ใช้ใหม่จะตั้งรหัสผ่านจากลิงก์ในอีเมล (ใช้ได้ 72 ชั่วโมง)
adm-notice-user-saved = บันทึกการเปลี่ยนแปลงของผู้ใช้แล้ว
adm-notice-agency-created = สร้างหน่วยงานแล้ว
adm-notice-agency-saved = บันทึกการเปลี่ยนแปลงของหน่วยงานแล้ว
adm-notice-jpa-created = สร้าง JPA แล้ว อยู่ในสถานะวางแผน โปรดเพิ่มหน่วยงานด้านล่าง แล้วจึงเปลี่ยนเป็นสถานะดำเนินการ
adm-notice-jpa-saved = บันทึกการเปลี่ยนแปลงของ JPA แล้ว
adm-notice-jpa-active = JPA อยู่ในสถานะดำเนินการ: หน่วยงานต้องส่งรายงานและระบบจะส่งการแจ้งเตือน
adm-notice-jpa-closed = ปิด JPA แล้ว และเป็นแบบอ่านอย่างเดียว
adm-notice-agency-added = หน่วยงานเข้าร่วม JPA แล้ว
adm-notice-agency-removed = หน่วยงานไม่ได้เข้าร่วม JPA อีกต่อไป
adm-notice-reminders-ran = รันรอบการแจ้งเตือนแล้ว
adm-notice-stale = มีผู้อื่นเปลี่ยนแปลงข้อมูลนี้ในระหว่างนี้ การเปลี่ยนแปลงของคุณยังไม่ได้บันทึก แต่ยังอยู่ในแบบฟอร์มด้านล่าง หากบันทึกอีกครั้ง จะแทนที่การเปลี่ยนแปลงของผู้อื่น
adm-notice-stale-link = ดูเวอร์ชันปัจจุบันแทน

# Error messages.
adm-err-required = { $label }: กรอกข้อมูล
adm-err-field = { $label }: { $message }
adm-err-rejected = ไม่สามารถบันทึกข้อมูลเหล่านี้ได้ โปรดตรวจสอบแล้วลองอีกครั้ง
adm-err-choice = เลือกหนึ่งในตัวเลือกที่แสดง
adm-err-date = กรอกวันที่ในรูปแบบปี-เดือน-วัน เช่น 2026-03-15
adm-err-cursor = ไม่มีหน้านั้นในรายการ โปรดเริ่มใหม่จากหน้าแรก
adm-err-email-missing = กรอกที่อยู่อีเมลของผู้ที่จะเชิญ
adm-err-email = กรอกที่อยู่อีเมล เช่น name@agency.gov
adm-err-email-taken = มีผู้ใช้ที่ใช้ที่อยู่อีเมลนี้อยู่แล้ว
adm-err-display_name-missing = กรอกชื่อของบุคคล
adm-err-role-missing = เลือกบทบาท
adm-err-active-missing = เลือกว่าบัญชีใช้งานได้หรือไม่
adm-err-liaison-agency = เลือกหน่วยงานของเจ้าหน้าที่ประสานงานนี้ เจ้าหน้าที่ประสานงานต้องสังกัดหน่วยงาน
adm-err-agency-unknown = เลือกหน่วยงานจากรายการ
adm-err-last-admin = นี่คือผู้ดูแลระบบที่ใช้งานอยู่คนสุดท้าย โปรดกำหนดให้ผู้ใช้อื่นเป็นผู้ดูแลระบบก่อน
adm-err-name-missing = กรอกชื่อ
adm-err-country-missing = เลือกประเทศ
adm-err-country = เลือกประเทศจากรายการ
adm-err-kind-missing = เลือกประเภทหน่วยงาน
adm-err-contact_email-missing = กรอกอีเมลติดต่อ
adm-err-contact_email = กรอกอีเมลติดต่อ เช่น desk@agency.gov
adm-err-agency-name-taken = มีหน่วยงานที่ใช้ชื่อนี้อยู่แล้ว
adm-err-code-missing = กรอกรหัส
adm-err-code = กรอกรหัสความยาว 1 ถึง 50 ตัว ประกอบด้วยตัวอักษร ตัวเลข ยัติภังค์ (-) หรือขีดล่าง (_)
adm-err-code-taken = มี JPA ที่ใช้รหัสนี้อยู่แล้ว
adm-err-start_date-missing = กรอกวันที่เริ่มต้น
adm-err-end_date-missing = กรอกวันที่สิ้นสุด
adm-err-report_due_day-missing = กรอกวันที่ครบกำหนดส่งรายงานประจำเดือน
adm-err-reminder_days_before-missing = กรอกจำนวนวันก่อนวันครบกำหนดที่จะส่งการแจ้งเตือน
adm-err-timezone-missing = เลือกเขตเวลา
adm-err-end-before-start = วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น
adm-err-end-too-late = วันที่สิ้นสุดต้องไม่เกิน 24 เดือนหลังวันที่เริ่มต้น
adm-err-report_due_day = กรอกวันครบกำหนดเป็นจำนวนเต็มตั้งแต่ 1 ถึง 28
adm-err-reminder_days_before = กรอกจำนวนวันแจ้งเตือนเป็นจำนวนเต็มตั้งแต่ 0 ถึง 28
adm-err-timezone = เลือกเขตเวลาจากรายการ
adm-err-jpa-closed = JPA ปิดแล้วและเป็นแบบอ่านอย่างเดียว ไม่สามารถเปลี่ยนแปลงใด ๆ ได้
adm-err-agency-missing = เลือกหน่วยงานที่จะเพิ่ม
adm-err-agency-in-use = { $agency } เป็นหน่วยงานหลักหรือหน่วยงานร่วมของการสืบสวนใน JPA นี้ จึงออกจาก JPA ไม่ได้ โปรดย้ายการสืบสวนเหล่านั้นไปยังหน่วยงานอื่นก่อน
adm-err-status-choice = หน้านี้ไม่มีการเปลี่ยนสถานะแบบนั้น โปรดดูสถานะด้านล่างแล้วลองอีกครั้ง
adm-err-status-stale = มีผู้อื่นเปลี่ยนแปลง JPA นี้ในระหว่างนี้ จึงไม่มีการเปลี่ยนแปลงใด ๆ โปรดดูสถานะด้านล่างก่อนยืนยันอีกครั้ง
adm-err-status-refused = สถานะเปลี่ยนได้ตามลำดับเท่านั้น: วางแผน ดำเนินการ แล้วจึงปิด ขณะนี้เปลี่ยนไปทางนั้นไม่ได้
adm-err-status-invalid = ต้องแก้ไขรายละเอียดของ JPA ก่อนจึงจะเปลี่ยนสถานะได้ โปรดแก้ไข JPA ก่อน
adm-err-audit-entity_type = กรอกประเภทข้อมูลไม่เกิน 64 ตัวอักษร
adm-err-audit-entity_id = กรอกรหัสข้อมูลไม่เกิน 100 ตัวอักษร
adm-err-audit-actor_id = กรอกผู้ดำเนินการเป็นรหัสผู้ใช้ (UUID)
adm-err-audit-instant = กรอกวันที่ เช่น 2026-03-15 หรือเวลา เช่น 2026-03-15T08:00:00Z

# Users.
adm-users-title = ผู้ใช้
adm-users-caption = ผู้ใช้ เรียงจากใหม่ไปเก่า
adm-users-invite-button = เชิญผู้ใช้
adm-users-none = ยังไม่มีผู้ใช้
adm-users-pager = หน้ารายการผู้ใช้
adm-active = ใช้งานได้
adm-deactivated = ระงับแล้ว
adm-two-factor-on = เปิด
adm-two-factor-off = ปิด
adm-user-invite-title = เชิญผู้ใช้
adm-user-invite-lede = ผู้ใช้จะได้รับอีเมลพร้อมลิงก์สำหรับตั้งรหัสผ่าน ลิงก์ใช้ได้ครั้งเดียวภายใน 72 ชั่วโมง
adm-user-invite-submit = ส่งคำเชิญ
adm-user-edit-title = แก้ไขผู้ใช้: { $name }
adm-hint-email = คำเชิญจะส่งไปยังที่อยู่นี้ และใช้ที่อยู่นี้ในการเข้าสู่ระบบ
adm-hint-role = เจ้าหน้าที่ประสานงานรายงานในนามหน่วยงานของตน ประธานร่วมติดตามทุกหน่วยงาน ผู้สังเกตการณ์ดูได้เฉพาะตัวเลข
adm-hint-agency = เจ้าหน้าที่ประสานงานต้องสังกัดหน่วยงาน บทบาทอื่นไม่จำเป็นต้องมี
adm-no-agency = ไม่มีหน่วยงาน
adm-hint-active = เข้าสู่ระบบได้
adm-hint-deactivate = เข้าสู่ระบบไม่ได้ เซสชันที่เปิดอยู่จะสิ้นสุดทันที
adm-hint-deactivate-self = เข้าสู่ระบบไม่ได้ นี่คือบัญชีของคุณเอง และคุณจะถูกออกจากระบบทันที

# Agencies.
adm-agencies-title = หน่วยงาน
adm-agencies-caption = หน่วยงาน เรียงจากใหม่ไปเก่า
adm-agencies-new-button = สร้างหน่วยงาน
adm-agencies-none = ยังไม่มีหน่วยงาน
adm-agencies-pager = หน้ารายการหน่วยงาน
adm-agency-new-title = สร้างหน่วยงาน
adm-agency-edit-title = แก้ไขหน่วยงาน: { $name }
adm-agency-create-submit = สร้างหน่วยงาน
adm-hint-agency-name = ชื่อเต็มตามที่หน่วยงานอื่นรู้จัก
adm-hint-contact_email = อีเมลของส่วนงานประจำของหน่วยงาน สำหรับประธานร่วมติดต่อ
adm-choose-country = เลือกประเทศ
adm-choose-kind = เลือกประเภท

# JPAs.
adm-jpas-title = JPA
adm-jpas-caption = ช่วงปฏิบัติการร่วม (JPA) เรียงจากใหม่ไปเก่า
adm-jpas-new-button = สร้าง JPA
adm-jpas-new-link = JPA ใหม่
adm-jpas-none = ยังไม่มี JPA
adm-jpas-pager = หน้ารายการ JPA
adm-jpa-new-title = สร้าง JPA
adm-jpa-new-lede = JPA ใหม่เริ่มต้นในสถานะวางแผน: เพิ่มหน่วยงาน แล้วจึงเปลี่ยนเป็นสถานะดำเนินการ
adm-jpa-create-submit = สร้าง JPA
adm-jpa-edit-title = แก้ไข JPA { $code }
adm-jpa-title = JPA { $code } (การดูแลระบบ)
adm-jpa-caption = การดูแลระบบ JPA
adm-jpa-exercise-banner = JPA นี้เป็นการฝึกซ้อม
adm-jpa-edit-link = แก้ไขรายละเอียด
adm-jpa-open-link = เปิดหน้าของ JPA
adm-jpa-audit-link = การเปลี่ยนแปลงในบันทึกการตรวจสอบ
adm-jpa-closed-readonly = JPA นี้ปิดแล้วและเป็นแบบอ่านอย่างเดียว
adm-hint-code = ตัวอักษร ตัวเลข ยัติภังค์ หรือขีดล่าง เช่น JPA-2026
adm-hint-description = ไม่บังคับ วัตถุประสงค์ของ JPA
adm-hint-date = ปี-เดือน-วัน เช่น 2026-03-15
adm-hint-end_date-new = ปี-เดือน-วัน เว้นว่างไว้เพื่อกำหนดเป็น 12 เดือนหลังวันเริ่มต้น
adm-hint-is_exercise = การแจ้งเตือนและหน้าต่าง ๆ ของ JPA จะมีเครื่องหมายว่าเป็นการฝึกซ้อม
adm-hint-report_due_day = ตั้งแต่ 1 ถึง 28: รายงานของแต่ละเดือนครบกำหนดในวันที่นี้ของเดือนถัดไป
adm-hint-reminder_days_before = ตั้งแต่ 0 ถึง 28: เวลาที่จะส่งการแจ้งเตือน "ใกล้ครบกำหนด"
adm-hint-timezone = "วันนี้" สำหรับวันครบกำหนดและการแจ้งเตือน คือวันที่ในเขตเวลานี้
adm-jpa-status-heading = สถานะ
adm-jpa-status-now-planning = JPA อยู่ระหว่างวางแผน: ยังไม่ต้องส่งรายงานและไม่มีการแจ้งเตือน
adm-jpa-status-now-active = JPA กำลังดำเนินการ: หน่วยงานต้องส่งรายงานและระบบจะส่งการแจ้งเตือน
adm-jpa-status-now-closed = JPA ปิดแล้ว: เป็นแบบอ่านอย่างเดียว และเปลี่ยนสถานะอีกไม่ได้
adm-jpa-move-to-active = เริ่มดำเนินการ…
adm-jpa-move-to-closed = ปิด JPA…
adm-participants-heading = หน่วยงานที่เข้าร่วม
adm-participants-caption = หน่วยงานที่เข้าร่วม { $code }
adm-participants-none = ยังไม่มีหน่วยงานเข้าร่วม
adm-participants-all = ทุกหน่วยงานเข้าร่วมแล้ว
adm-participant-add-heading = เพิ่มหน่วยงาน
adm-participant-add = เพิ่มหน่วยงาน
adm-participant-remove = นำออก
adm-choose-agency = เลือกหน่วยงาน
adm-hint-joined_on-planning = ไม่บังคับ ปี-เดือน-วัน เว้นว่าง: ตั้งแต่วันเริ่มต้นของ JPA
adm-hint-joined_on-active = ไม่บังคับ ปี-เดือน-วัน เว้นว่าง: ตั้งแต่วันนี้ ต้องส่งรายงานตั้งแต่เดือนนี้เป็นต้นไป
adm-hint-joined_on-closed = ไม่บังคับ ปี-เดือน-วัน
adm-status-title-active = เริ่มดำเนินการ { $code } หรือไม่
adm-status-title-closed = ปิด { $code } หรือไม่
adm-status-title-none = { $code } ปิดแล้ว
adm-status-explain-active = เมื่อเริ่มดำเนินการแล้ว หน่วยงานที่เข้าร่วมทุกหน่วยงานต้องส่งรายงานประจำเดือน และระบบจะเริ่มส่งอีเมลแจ้งเตือน ไม่สามารถกลับไปสถานะวางแผนได้
adm-status-explain-closed = เมื่อปิดแล้ว JPA จะเป็นแบบอ่านอย่างเดียว: ไม่สามารถเปลี่ยนแปลงการสืบสวน หมุดหมาย ผลการดำเนินงาน หรือรายงานได้อีก และไม่สามารถยกเลิกได้
adm-status-confirm-active = ใช่ เริ่มดำเนินการ
adm-status-confirm-closed = ใช่ ปิด JPA
adm-status-keep = ไม่ คงไว้ตามเดิม
adm-status-back = กลับไปที่ JPA
adm-status-problem = ไม่มีการเปลี่ยนแปลงใด ๆ

# The outbox and the reminder pass.
adm-emails-title = กล่องอีเมลขาออก
adm-emails-lede = อีเมลทุกฉบับที่ระบบจัดคิวไว้ เรียงจากใหม่ไปเก่า ไม่แสดงเนื้อหา เนื่องจากคำเชิญและการตั้งรหัสผ่านใหม่มีลิงก์ที่เป็นความลับ
adm-outbox-heading = อีเมล
adm-emails-caption = อีเมลขาออก เรียงจากใหม่ไปเก่า
adm-emails-filter-label = กรองอีเมล
adm-emails-none = ยังไม่มีอีเมลในคิว
adm-emails-none-filtered = ไม่มีอีเมลที่มีสถานะนี้
adm-emails-pager = หน้ารายการอีเมล
adm-not-sent = ยังไม่ส่ง
adm-attempts = { $n ->
    [one] พยายาม 1 ครั้ง
   *[other] พยายาม { $n } ครั้ง
}
adm-mail-status-pending = รอส่ง
adm-mail-status-sending = กำลังส่ง
adm-mail-status-sent = ส่งแล้ว
adm-mail-status-failed = ส่งไม่สำเร็จ
adm-reminders-heading = รันรอบการแจ้งเตือนทันที
adm-reminders-lede = ตัวจัดกำหนดการจะรันรอบการแจ้งเตือนทุกวัน แต่ละรอบจะจัดคิวการแจ้งเตือนที่ถึงกำหนดของ JPA ที่กำลังดำเนินการทุก JPA และจะไม่จัดคิวการแจ้งเตือนเดียวกันซ้ำ
adm-hint-as_of = ไม่บังคับ ปี-เดือน-วัน: รันเสมือนว่าวันนี้คือวันที่นี้ เว้นว่าง: วันนี้ตามเขตเวลาของแต่ละ JPA
adm-reminders-run = รันรอบการแจ้งเตือน
adm-reminders-as-of = ณ วันที่ { $date }
adm-reminders-today = ณ วันนี้
adm-reminders-due-soon = { $n ->
    [one] จัดคิวการแจ้งเตือน "ใกล้ครบกำหนด" 1 รายการ
   *[other] จัดคิวการแจ้งเตือน "ใกล้ครบกำหนด" { $n } รายการ
}
adm-reminders-overdue = { $n ->
    [one] จัดคิวการแจ้งเตือนเกินกำหนด 1 รายการ
   *[other] จัดคิวการแจ้งเตือนเกินกำหนด { $n } รายการ
}
adm-reminders-digest = { $n ->
    [one] จัดคิวสรุปสำหรับประธานร่วม 1 รายการ
   *[other] จัดคิวสรุปสำหรับประธานร่วม { $n } รายการ
}

# The audit log.
adm-audit-title = บันทึกการตรวจสอบ
adm-audit-lede = การเปลี่ยนแปลงทุกรายการ เรียงจากใหม่ไปเก่า พร้อมผู้ดำเนินการและเวลา (เวลา UTC) ช่องข้อมูลที่ได้รับการคุ้มครองของการสืบสวนจะแสดงเพียงว่ามีการเปลี่ยนแปลง
adm-audit-filter-label = กรองบันทึกการตรวจสอบ
adm-audit-entity_type = ประเภทข้อมูล
adm-audit-hint-entity_type = เช่น jpa, agency, user, investigation
adm-audit-entity_id = รหัสข้อมูล
adm-audit-actor_id = ผู้ดำเนินการ (รหัสผู้ใช้)
adm-audit-from = ตั้งแต่
adm-audit-to = ก่อน
adm-audit-hint-time = วันที่ (2026-03-15) หรือเวลา UTC
adm-audit-caption = เหตุการณ์ในบันทึกการตรวจสอบ เรียงจากใหม่ไปเก่า
adm-audit-col-actor = ผู้ดำเนินการ
adm-audit-col-entity = ข้อมูล
adm-audit-col-request = รหัสคำขอ
adm-audit-system = ระบบ
adm-audit-by-actor-id = การเปลี่ยนแปลงทั้งหมดโดย { $id }
adm-audit-of-entity = การเปลี่ยนแปลงทั้งหมดของ { $id }
adm-audit-changes-of = ช่องข้อมูลที่เปลี่ยนโดย { $action }
adm-audit-col-field = ช่องข้อมูล
adm-audit-col-before = ก่อน
adm-audit-col-after = หลัง
adm-audit-no-fields = ไม่มีช่องข้อมูลที่บันทึกไว้
adm-audit-changed-withheld = เปลี่ยนแปลงแล้ว (ไม่ได้บันทึกค่า)
adm-audit-none = ยังไม่มีเหตุการณ์ในบันทึกการตรวจสอบ
adm-audit-none-filtered = ไม่มีเหตุการณ์ที่ตรงกับตัวกรองเหล่านี้
adm-audit-pager = หน้าบันทึกการตรวจสอบ
adm-label-locale = ภาษา
adm-hint-locale-new = หน้าเว็บและอีเมล รวมถึงคำเชิญ จะเป็นภาษานี้ ผู้ใช้เปลี่ยนได้ที่หน้าบัญชีของตน
adm-hint-locale = ภาษาของหน้าเว็บและอีเมลของผู้ใช้นี้
adm-locale-default = ภาษาของประเทศของหน่วยงาน (หากไม่มี ใช้ภาษาอังกฤษ)
adm-label-organisation = องค์การ
adm-hint-organisation = เฉพาะผู้สังเกตการณ์: องค์การระหว่างประเทศที่สังกัด เช่น UNODC หรือ IOM ซึ่งเป็นสมาชิกที่ผู้ใช้แสดงความสนใจในแผนงานในนามของ
