# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = Pentadbiran
adm-nav-label = Halaman pentadbiran
adm-breadcrumbs = Anda di sini
adm-index-title = Pentadbiran
adm-index-lede = Sediakan dan kendalikan perkhidmatan: siapa yang boleh log masuk, agensi dan JPA, e-mel yang dihantar, dan rekod setiap perubahan.
adm-index-users = Jemput pengguna, tukar peranan atau agensi mereka, nyahaktifkan akaun.
adm-index-agencies = Agensi penguatkuasaan undang-undang yang mengambil bahagian dalam JPA.
adm-index-jpas = Wujudkan JPA, tetapkan tarikh dan peraturan pelaporannya, tambah agensinya, mulakan dan tutupnya.
adm-index-emails = E-mel yang telah atau akan dihantar oleh perkhidmatan, dan pusingan peringatan atas permintaan.
adm-index-audit = Siapa mengubah apa, dan bila.

adm-save = Simpan perubahan
adm-cancel = Batal
adm-none = tiada
adm-exercise = latihan
adm-date-range = { $start } hingga { $end }
adm-pager-first = Halaman pertama
adm-pager-next = Halaman seterusnya
adm-filter-any = Semua
adm-filter-submit = Guna penapis
adm-filter-clear = Kosongkan penapis
adm-fix-filters = Betulkan penapis di atas untuk melihat senarai.
adm-col-status = Status
adm-col-dates = Tarikh
adm-col-state = Akaun
adm-col-two-factor = Log masuk dua faktor
adm-col-agency = Agensi
adm-col-actions = Tindakan
adm-col-created = Diwujudkan
adm-col-sent = Dihantar
adm-col-subject = Subjek
adm-col-recipient = Penerima
adm-col-kind = Jenis
adm-col-last-error = Ralat terakhir

# Field labels (also used in messages about a field).
adm-label-email = Alamat e-mel
adm-label-display_name = Nama
adm-label-role = Peranan
adm-label-agency_id = Agensi
adm-label-active = Akaun
adm-label-name = Nama
adm-label-country = Negara
adm-label-kind = Jenis agensi
adm-label-contact_email = Alamat e-mel perhubungan
adm-label-code = Kod
adm-label-description = Keterangan
adm-label-start_date = Tarikh mula
adm-label-end_date = Tarikh tamat
adm-label-is_exercise = JPA ini ialah latihan
adm-label-report_due_day = Hari tarikh akhir laporan bulanan
adm-label-reminder_days_before = Hari peringatan sebelum tarikh akhir
adm-label-timezone = Zon waktu
adm-label-joined_on = Mengambil bahagian mulai
adm-label-as_of = Jalankan setakat
adm-label-status = Status
adm-label-version = Versi

adm-role-admin = Pentadbir
adm-role-co_chair = Pengerusi bersama
adm-role-liaison = Pegawai perhubungan agensi
adm-role-observer = Pemerhati
adm-kind-police = Polis
adm-kind-immigration = Imigresen
adm-kind-border = Kawalan sempadan
adm-kind-customs = Kastam
adm-kind-coast_guard = Pengawal pantai
adm-kind-prosecution = Pendakwaan
adm-kind-intelligence = Perisikan
adm-kind-other = Lain-lain

# Notices after a change (?notice=).
adm-notice-user-invited = Jemputan sedang dihantar: pengguna baharu menetapkan kata laluan melalui pautan dalam e-mel (sah selama 72 jam).
adm-notice-user-saved = Perubahan pengguna telah disimpan.
adm-notice-agency-created = Agensi telah diwujudkan.
adm-notice-agency-saved = Perubahan agensi telah disimpan.
adm-notice-jpa-created = JPA telah diwujudkan, dalam status perancangan. Tambah agensinya di bawah, kemudian aktifkannya.
adm-notice-jpa-saved = Perubahan JPA telah disimpan.
adm-notice-jpa-active = JPA kini aktif: laporan wajib dihantar dan peringatan akan dihantar.
adm-notice-jpa-closed = JPA telah ditutup dan kini baca sahaja.
adm-notice-agency-added = Agensi kini mengambil bahagian dalam JPA.
adm-notice-agency-removed = Agensi tidak lagi mengambil bahagian dalam JPA.
adm-notice-reminders-ran = Pusingan peringatan telah dijalankan.
adm-notice-stale = Orang lain telah mengubah perkara ini sementara itu. Perubahan anda belum disimpan: ia masih dalam borang di bawah. Menyimpan sekali lagi akan menggantikan perubahan orang lain itu.
adm-notice-stale-link = Lihat versi semasa

# Error messages.
adm-err-required = { $label }: masukkan nilai
adm-err-field = { $label }: { $message }
adm-err-rejected = Butiran ini tidak dapat disimpan; semak dan cuba lagi
adm-err-choice = Pilih salah satu pilihan yang dipaparkan
adm-err-date = Masukkan tarikh dalam bentuk tahun-bulan-hari, contohnya 2026-03-15
adm-err-cursor = Halaman senarai itu tidak wujud; mula semula dari halaman pertama
adm-err-email-missing = Masukkan alamat e-mel orang yang hendak dijemput
adm-err-email = Masukkan alamat e-mel seperti name@agency.gov
adm-err-email-taken = Pengguna dengan alamat e-mel ini sudah wujud
adm-err-display_name-missing = Masukkan nama orang itu
adm-err-role-missing = Pilih peranan
adm-err-active-missing = Pilih sama ada akaun ini aktif
adm-err-liaison-agency = Pilih agensi pegawai perhubungan ini: pegawai perhubungan mesti mempunyai agensi
adm-err-agency-unknown = Pilih agensi daripada senarai
adm-err-last-admin = Ini pentadbir aktif yang terakhir: jadikan pengguna lain pentadbir terlebih dahulu
adm-err-name-missing = Masukkan nama
adm-err-country-missing = Pilih negara
adm-err-country = Pilih negara daripada senarai
adm-err-kind-missing = Pilih jenis agensi
adm-err-contact_email-missing = Masukkan alamat e-mel perhubungan
adm-err-contact_email = Masukkan alamat e-mel perhubungan seperti desk@agency.gov
adm-err-agency-name-taken = Agensi dengan nama ini sudah wujud
adm-err-code-missing = Masukkan kod
adm-err-code = Masukkan kod 1 hingga 50 aksara: huruf, digit, tanda sempang atau garis bawah
adm-err-code-taken = JPA dengan kod ini sudah wujud
adm-err-start_date-missing = Masukkan tarikh mula
adm-err-end_date-missing = Masukkan tarikh tamat
adm-err-report_due_day-missing = Masukkan hari tarikh akhir laporan bulanan
adm-err-reminder_days_before-missing = Masukkan berapa hari sebelum tarikh akhir peringatan dihantar
adm-err-timezone-missing = Pilih zon waktu
adm-err-end-before-start = Tarikh tamat tidak boleh lebih awal daripada tarikh mula
adm-err-end-too-late = Tarikh tamat mestilah tidak melebihi 24 bulan selepas tarikh mula
adm-err-report_due_day = Masukkan hari tarikh akhir sebagai nombor bulat dari 1 hingga 28
adm-err-reminder_days_before = Masukkan hari peringatan sebagai nombor bulat dari 0 hingga 28
adm-err-timezone = Pilih zon waktu daripada senarai
adm-err-jpa-closed = JPA telah ditutup dan baca sahaja: tiada apa-apa yang boleh diubah
adm-err-agency-missing = Pilih agensi yang hendak ditambah
adm-err-agency-in-use = { $agency } menerajui atau menjadi rakan kongsi dalam siasatan JPA ini, jadi ia tidak boleh keluar. Pindahkan siasatan itu kepada agensi lain terlebih dahulu.
adm-err-status-choice = Perubahan status itu tidak ditawarkan oleh halaman ini. Lihat status di bawah dan cuba lagi.
adm-err-status-stale = Seseorang telah mengubah JPA ini sementara itu; tiada apa-apa yang diubah. Lihat statusnya di bawah sebelum anda mengesahkan sekali lagi.
adm-err-status-refused = Status hanya berubah daripada perancangan, kepada aktif, kemudian ditutup; ia tidak boleh berubah begitu sekarang.
adm-err-status-invalid = Butiran JPA perlu dibetulkan sebelum statusnya boleh berubah: sunting JPA terlebih dahulu.
adm-err-audit-entity_type = Masukkan jenis entiti tidak melebihi 64 aksara
adm-err-audit-entity_id = Masukkan ID entiti tidak melebihi 100 aksara
adm-err-audit-actor_id = Masukkan pelaku sebagai ID pengguna (UUID)
adm-err-audit-instant = Masukkan tarikh seperti 2026-03-15 atau masa seperti 2026-03-15T08:00:00Z

# Users.
adm-users-title = Pengguna
adm-users-caption = Pengguna, terbaharu dahulu
adm-users-invite-button = Jemput pengguna
adm-users-none = Belum ada pengguna.
adm-users-pager = Halaman pengguna
adm-active = Aktif
adm-deactivated = Dinyahaktifkan
adm-two-factor-on = Hidup
adm-two-factor-off = Mati
adm-user-invite-title = Jemput pengguna
adm-user-invite-lede = Orang itu akan menerima e-mel dengan pautan untuk menetapkan kata laluan. Pautan itu boleh digunakan sekali, dalam tempoh 72 jam.
adm-user-invite-submit = Hantar jemputan
adm-user-edit-title = Sunting pengguna: { $name }
adm-hint-email = Jemputan dihantar ke alamat ini; alamat ini juga digunakan untuk log masuk.
adm-hint-role = Pegawai perhubungan melapor bagi agensi mereka; pengerusi bersama memantau semua agensi; pemerhati hanya melihat angka.
adm-hint-agency = Pegawai perhubungan mesti mempunyai agensi. Peranan lain boleh tanpa agensi.
adm-no-agency = Tiada agensi
adm-hint-active = Boleh log masuk.
adm-hint-deactivate = Tidak boleh log masuk; sesi terbukanya tamat serta-merta.
adm-hint-deactivate-self = Tidak boleh log masuk; ini akaun anda sendiri, dan anda akan dilog keluar serta-merta.

# Agencies.
adm-agencies-title = Agensi
adm-agencies-caption = Agensi, terbaharu dahulu
adm-agencies-new-button = Wujudkan agensi
adm-agencies-none = Belum ada agensi.
adm-agencies-pager = Halaman agensi
adm-agency-new-title = Wujudkan agensi
adm-agency-edit-title = Sunting agensi: { $name }
adm-agency-create-submit = Wujudkan agensi
adm-hint-agency-name = Nama penuhnya, sebagaimana dikenali oleh agensi lain.
adm-hint-contact_email = Meja perhubungan agensi, untuk pengerusi bersama.
adm-choose-country = Pilih negara
adm-choose-kind = Pilih jenis

# JPAs.
adm-jpas-title = Senarai JPA
adm-jpas-caption = Tempoh Tindakan Bersama, terbaharu dahulu
adm-jpas-new-button = Wujudkan JPA
adm-jpas-new-link = JPA baharu
adm-jpas-none = Belum ada JPA.
adm-jpas-pager = Halaman JPA
adm-jpa-new-title = Wujudkan JPA
adm-jpa-new-lede = JPA baharu bermula dalam status perancangan: tambah agensinya, kemudian aktifkannya.
adm-jpa-create-submit = Wujudkan JPA
adm-jpa-edit-title = Sunting JPA { $code }
adm-jpa-title = JPA { $code } (pentadbiran)
adm-jpa-caption = Pentadbiran JPA
adm-jpa-exercise-banner = JPA ini ialah latihan.
adm-jpa-edit-link = Sunting butirannya
adm-jpa-open-link = Buka halaman JPA
adm-jpa-audit-link = Perubahannya dalam log audit
adm-jpa-closed-readonly = JPA ini telah ditutup dan baca sahaja.
adm-hint-code = Huruf, digit, tanda sempang atau garis bawah, cth. JPA-2026.
adm-hint-description = Pilihan. Tujuan JPA ini.
adm-hint-date = Tahun-bulan-hari, contohnya 2026-03-15.
adm-hint-end_date-new = Tahun-bulan-hari. Biarkan kosong untuk 12 bulan selepas tarikh mula.
adm-hint-is_exercise = Peringatan dan halamannya ditanda sebagai latihan.
adm-hint-report_due_day = Dari 1 hingga 28: laporan bagi sesuatu bulan perlu dihantar pada hari ini dalam bulan berikutnya.
adm-hint-reminder_days_before = Dari 0 hingga 28: bila peringatan "tarikh akhir hampir" dihantar.
adm-hint-timezone = "Hari ini" bagi tarikh akhir dan peringatan ialah tarikh dalam zon ini.
adm-jpa-status-heading = Status
adm-jpa-status-now-planning = JPA sedang dirancang: tiada laporan wajib dihantar dan tiada peringatan dihantar.
adm-jpa-status-now-active = JPA sedang berjalan: laporan wajib dihantar dan peringatan akan dihantar.
adm-jpa-status-now-closed = JPA telah ditutup: ia baca sahaja, dan statusnya tidak boleh berubah lagi.
adm-jpa-move-to-active = Aktifkan…
adm-jpa-move-to-closed = Tutup…
adm-participants-heading = Agensi yang mengambil bahagian
adm-participants-caption = Agensi yang mengambil bahagian dalam { $code }
adm-participants-none = Belum ada agensi yang mengambil bahagian.
adm-participants-all = Semua agensi sudah mengambil bahagian.
adm-participant-add-heading = Tambah agensi
adm-participant-add = Tambah agensi
adm-participant-remove = Keluarkan
adm-choose-agency = Pilih agensi
adm-hint-joined_on-planning = Pilihan, tahun-bulan-hari. Kosong: mulai tarikh mula JPA.
adm-hint-joined_on-active = Pilihan, tahun-bulan-hari. Kosong: mulai hari ini. Laporan wajib dihantar mulai bulan ini.
adm-hint-joined_on-closed = Pilihan, tahun-bulan-hari.
adm-status-title-active = Aktifkan { $code }?
adm-status-title-closed = Tutup { $code }?
adm-status-title-none = { $code } telah ditutup
adm-status-explain-active = Setelah aktif, setiap agensi yang mengambil bahagian wajib menghantar laporan bulanan dan e-mel peringatan akan bermula. Ia tidak boleh kembali kepada perancangan.
adm-status-explain-closed = Setelah ditutup, JPA menjadi baca sahaja: siasatan, tonggak, hasil atau laporan tidak boleh diubah lagi. Tindakan ini tidak boleh dibatalkan.
adm-status-confirm-active = Ya, aktifkan
adm-status-confirm-closed = Ya, tutup
adm-status-keep = Tidak, kekalkan
adm-status-back = Kembali ke JPA
adm-status-problem = Tiada apa-apa yang diubah

# The outbox and the reminder pass.
adm-emails-title = Peti keluar
adm-emails-lede = Setiap e-mel yang telah dibarisgilirkan oleh perkhidmatan, terbaharu dahulu. Kandungan tidak dipaparkan: jemputan dan penetapan semula kata laluan mengandungi pautan rahsia.
adm-outbox-heading = E-mel
adm-emails-caption = E-mel peti keluar, terbaharu dahulu
adm-emails-filter-label = Tapis e-mel
adm-emails-none = Belum ada e-mel yang dibarisgilirkan.
adm-emails-none-filtered = Tiada e-mel dengan status ini.
adm-emails-pager = Halaman e-mel
adm-not-sent = belum
adm-attempts = { $n ->
    [one] 1 percubaan
   *[other] { $n } percubaan
}
adm-mail-status-pending = Menunggu
adm-mail-status-sending = Sedang dihantar
adm-mail-status-sent = Dihantar
adm-mail-status-failed = Gagal
adm-reminders-heading = Jalankan pusingan peringatan sekarang
adm-reminders-lede = Penjadual menjalankan satu pusingan setiap hari. Satu pusingan membarisgilirkan apa yang perlu bagi setiap JPA aktif dan tidak pernah membarisgilirkan peringatan yang sama dua kali.
adm-hint-as_of = Pilihan, tahun-bulan-hari: jalankan seolah-olah hari ini ialah tarikh ini. Kosong: hari ini dalam zon waktu setiap JPA.
adm-reminders-run = Jalankan pusingan peringatan
adm-reminders-as-of = Setakat { $date }.
adm-reminders-today = Setakat hari ini.
adm-reminders-due-soon = { $n ->
    [one] 1 peringatan "tarikh akhir hampir" dibarisgilirkan
   *[other] { $n } peringatan "tarikh akhir hampir" dibarisgilirkan
}
adm-reminders-overdue = { $n ->
    [one] 1 peringatan tertunggak dibarisgilirkan
   *[other] { $n } peringatan tertunggak dibarisgilirkan
}
adm-reminders-digest = { $n ->
    [one] 1 ringkasan pengerusi bersama dibarisgilirkan
   *[other] { $n } ringkasan pengerusi bersama dibarisgilirkan
}

# The audit log.
adm-audit-title = Log audit
adm-audit-lede = Setiap perubahan, terbaharu dahulu, dengan siapa yang membuatnya dan bila (masa dalam UTC). Medan terlindung siasatan hanya menunjukkan bahawa ia telah berubah.
adm-audit-filter-label = Tapis log audit
adm-audit-entity_type = Jenis entiti
adm-audit-hint-entity_type = cth. jpa, agency, user, investigation
adm-audit-entity_id = ID entiti
adm-audit-actor_id = Pelaku (ID pengguna)
adm-audit-from = Dari
adm-audit-to = Sebelum
adm-audit-hint-time = Tarikh (2026-03-15) atau masa UTC.
adm-audit-caption = Peristiwa audit, terbaharu dahulu
adm-audit-col-actor = Pelaku
adm-audit-col-entity = Entiti
adm-audit-col-request = ID permintaan
adm-audit-system = perkhidmatan
adm-audit-by-actor-id = Setiap perubahan oleh { $id }
adm-audit-of-entity = Setiap perubahan pada { $id }
adm-audit-changes-of = Medan yang diubah oleh { $action }
adm-audit-col-field = Medan
adm-audit-col-before = Sebelum
adm-audit-col-after = Selepas
adm-audit-no-fields = Tiada medan direkodkan.
adm-audit-changed-withheld = diubah (nilai tidak direkodkan)
adm-audit-none = Belum ada peristiwa audit.
adm-audit-none-filtered = Tiada peristiwa yang sepadan dengan penapis ini.
adm-audit-pager = Halaman log audit
adm-label-locale = Bahasa
adm-hint-locale-new = Halaman dan e-mel, termasuk jemputan, adalah dalam bahasa ini. Pengguna boleh menukarnya di halaman akaun mereka.
adm-hint-locale = Bahasa halaman dan e-mel pengguna ini.
adm-locale-default = Bahasa negara agensi (jika tiada, bahasa Inggeris)
adm-label-organisation = Organisasi
adm-hint-organisation = Pemerhati sahaja: organisasi antarabangsa yang mereka anggotai, seperti UNODC atau IOM. Bagi pihak organisasi inilah mereka menyatakan minat dalam pelan kerja.
