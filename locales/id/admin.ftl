# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = Administrasi
adm-nav-label = Halaman administrasi
adm-breadcrumbs = Anda di sini
adm-index-title = Administrasi
adm-index-lede = Menyiapkan dan menjalankan layanan: siapa yang boleh masuk, instansi dan JPA, email yang dikirim layanan, serta catatan setiap perubahan.
adm-index-users = Undang pengguna, ubah peran atau instansinya, nonaktifkan akun.
adm-index-agencies = Instansi penegak hukum yang ikut serta dalam JPA.
adm-index-jpas = Buat JPA, tetapkan tanggal dan aturan pelaporannya, tambahkan instansinya, mulai dan tutup JPA.
adm-index-emails = Email yang telah atau akan dikirim layanan, serta proses pengingat sesuai permintaan.
adm-index-audit = Siapa mengubah apa, dan kapan.

adm-save = Simpan perubahan
adm-cancel = Batal
adm-none = tidak ada
adm-exercise = latihan
adm-date-range = { $start } s.d. { $end }
adm-pager-first = Halaman pertama
adm-pager-next = Halaman berikutnya
adm-filter-any = Semua
adm-filter-submit = Terapkan filter
adm-filter-clear = Hapus filter
adm-fix-filters = Perbaiki filter di atas untuk melihat daftar.
adm-col-status = Status
adm-col-dates = Tanggal
adm-col-state = Akun
adm-col-two-factor = Dua faktor
adm-col-agency = Instansi
adm-col-actions = Tindakan
adm-col-created = Dibuat
adm-col-sent = Dikirim
adm-col-subject = Subjek
adm-col-recipient = Penerima
adm-col-kind = Jenis
adm-col-last-error = Kesalahan terakhir

# Field labels (also used in messages about a field).
adm-label-email = Alamat email
adm-label-display_name = Nama
adm-label-role = Peran
adm-label-agency_id = Instansi
adm-label-active = Akun
adm-label-name = Nama
adm-label-country = Negara
adm-label-kind = Jenis instansi
adm-label-contact_email = Alamat email kontak
adm-label-code = Kode
adm-label-description = Deskripsi
adm-label-start_date = Tanggal mulai
adm-label-end_date = Tanggal selesai
adm-label-is_exercise = JPA ini adalah latihan
adm-label-report_due_day = Laporan bulanan jatuh tempo pada tanggal
adm-label-reminder_days_before = Hari pengingat sebelum jatuh tempo
adm-label-timezone = Zona waktu
adm-label-joined_on = Ikut serta sejak
adm-label-as_of = Jalankan per tanggal
adm-label-status = Status
adm-label-version = Versi

adm-role-admin = Administrator
adm-role-co_chair = Ketua bersama
adm-role-liaison = Petugas penghubung instansi
adm-role-observer = Pengamat
adm-kind-police = Kepolisian
adm-kind-immigration = Imigrasi
adm-kind-border = Perlindungan perbatasan
adm-kind-customs = Bea cukai
adm-kind-coast_guard = Penjaga pantai
adm-kind-prosecution = Kejaksaan
adm-kind-intelligence = Intelijen
adm-kind-other = Lainnya

# Notices after a change (?notice=).
adm-notice-user-invited = Undangan sedang dikirim: pengguna baru membuat kata sandi melalui tautan di email (berlaku 72 jam).
adm-notice-user-saved = Perubahan pengguna telah disimpan.
adm-notice-agency-created = Instansi telah dibuat.
adm-notice-agency-saved = Perubahan instansi telah disimpan.
adm-notice-jpa-created = JPA telah dibuat, dengan status perencanaan. Tambahkan instansinya di bawah, lalu aktifkan.
adm-notice-jpa-saved = Perubahan JPA telah disimpan.
adm-notice-jpa-active = JPA aktif: laporan wajib disampaikan dan pengingat dikirim.
adm-notice-jpa-closed = JPA telah ditutup dan hanya dapat dibaca.
adm-notice-agency-added = Instansi ikut serta dalam JPA.
adm-notice-agency-removed = Instansi tidak lagi ikut serta dalam JPA.
adm-notice-reminders-ran = Proses pengingat telah dijalankan.
adm-notice-stale = Orang lain telah mengubah data ini sementara itu. Perubahan Anda belum disimpan: masih ada di formulir di bawah. Menyimpan lagi akan menggantikan perubahan orang lain tersebut.
adm-notice-stale-link = Lihat versi terkini saja

# Error messages.
adm-err-required = { $label }: masukkan nilai
adm-err-field = { $label }: { $message }
adm-err-rejected = Data ini tidak dapat disimpan; periksa lalu coba lagi
adm-err-choice = Pilih salah satu opsi yang ditampilkan
adm-err-date = Masukkan tanggal dengan format tahun-bulan-tanggal, misalnya 2026-03-15
adm-err-cursor = Halaman daftar tersebut tidak ada; mulai lagi dari halaman pertama
adm-err-email-missing = Masukkan alamat email orang yang akan diundang
adm-err-email = Masukkan alamat email seperti name@agency.gov
adm-err-email-taken = Pengguna dengan alamat email ini sudah ada
adm-err-display_name-missing = Masukkan nama orang tersebut
adm-err-role-missing = Pilih peran
adm-err-active-missing = Pilih apakah akun aktif
adm-err-liaison-agency = Pilih instansi petugas penghubung ini: petugas penghubung harus memiliki instansi
adm-err-agency-unknown = Pilih instansi dari daftar
adm-err-last-admin = Ini administrator aktif terakhir: jadikan pengguna lain administrator terlebih dahulu
adm-err-name-missing = Masukkan nama
adm-err-country-missing = Pilih negara
adm-err-country = Pilih negara dari daftar
adm-err-kind-missing = Pilih jenis instansi
adm-err-contact_email-missing = Masukkan alamat email kontak
adm-err-contact_email = Masukkan alamat email kontak seperti desk@agency.gov
adm-err-agency-name-taken = Instansi dengan nama ini sudah ada
adm-err-code-missing = Masukkan kode
adm-err-code = Masukkan kode 1 sampai 50 karakter berupa huruf, angka, tanda hubung, atau garis bawah
adm-err-code-taken = JPA dengan kode ini sudah ada
adm-err-start_date-missing = Masukkan tanggal mulai
adm-err-end_date-missing = Masukkan tanggal selesai
adm-err-report_due_day-missing = Masukkan tanggal jatuh tempo laporan bulanan
adm-err-reminder_days_before-missing = Masukkan berapa hari sebelum jatuh tempo pengingat dikirim
adm-err-timezone-missing = Pilih zona waktu
adm-err-end-before-start = Tanggal selesai tidak boleh sebelum tanggal mulai
adm-err-end-too-late = Tanggal selesai paling lambat 24 bulan setelah tanggal mulai
adm-err-report_due_day = Masukkan tanggal jatuh tempo berupa bilangan bulat 1 sampai 28
adm-err-reminder_days_before = Masukkan hari pengingat berupa bilangan bulat 0 sampai 28
adm-err-timezone = Pilih zona waktu dari daftar
adm-err-jpa-closed = JPA telah ditutup dan hanya dapat dibaca: tidak ada yang dapat diubah
adm-err-agency-missing = Pilih instansi yang akan ditambahkan
adm-err-agency-in-use = { $agency } menjadi instansi utama atau mitra dalam penyidikan di JPA ini, sehingga tidak dapat keluar. Pindahkan penyidikan tersebut ke instansi lain terlebih dahulu.
adm-err-status-choice = Perubahan status tersebut tidak tersedia di halaman ini. Periksa status di bawah lalu coba lagi.
adm-err-status-stale = Seseorang mengubah JPA ini sementara itu; tidak ada yang diubah. Periksa statusnya di bawah sebelum mengonfirmasi lagi.
adm-err-status-refused = Status hanya berpindah dari perencanaan, ke aktif, lalu ke ditutup; perubahan tersebut tidak dapat dilakukan sekarang.
adm-err-status-invalid = Data JPA perlu diperbaiki sebelum statusnya dapat diubah: edit JPA terlebih dahulu.
adm-err-audit-entity_type = Masukkan jenis entitas maksimal 64 karakter
adm-err-audit-entity_id = Masukkan ID entitas maksimal 100 karakter
adm-err-audit-actor_id = Masukkan pelaku berupa ID pengguna (UUID)
adm-err-audit-instant = Masukkan tanggal seperti 2026-03-15 atau waktu seperti 2026-03-15T08:00:00Z

# Users.
adm-users-title = Pengguna
adm-users-caption = Pengguna, terbaru lebih dulu
adm-users-invite-button = Undang pengguna
adm-users-none = Belum ada pengguna.
adm-users-pager = Halaman pengguna
adm-active = Aktif
adm-deactivated = Dinonaktifkan
adm-two-factor-on = Aktif
adm-two-factor-off = Nonaktif
adm-user-invite-title = Undang pengguna
adm-user-invite-lede = Orang tersebut menerima email berisi tautan untuk membuat kata sandi. Tautan hanya berlaku sekali, selama 72 jam.
adm-user-invite-submit = Kirim undangan
adm-user-edit-title = Edit pengguna: { $name }
adm-hint-email = Undangan dikirim ke alamat ini; alamat ini juga digunakan untuk masuk.
adm-hint-role = Petugas penghubung melapor untuk instansinya; ketua bersama memantau semua instansi; pengamat hanya melihat angka.
adm-hint-agency = Petugas penghubung harus memiliki instansi. Peran lain boleh tanpa instansi.
adm-no-agency = Tanpa instansi
adm-hint-active = Dapat masuk.
adm-hint-deactivate = Tidak dapat masuk; sesi yang terbuka segera berakhir.
adm-hint-deactivate-self = Tidak dapat masuk; ini akun Anda sendiri, dan Anda akan segera dikeluarkan.

# Agencies.
adm-agencies-title = Instansi
adm-agencies-caption = Instansi, terbaru lebih dulu
adm-agencies-new-button = Buat instansi
adm-agencies-none = Belum ada instansi.
adm-agencies-pager = Halaman instansi
adm-agency-new-title = Buat instansi
adm-agency-edit-title = Edit instansi: { $name }
adm-agency-create-submit = Buat instansi
adm-hint-agency-name = Nama lengkapnya, sebagaimana dikenal instansi lain.
adm-hint-contact_email = Meja layanan instansi, untuk ketua bersama.
adm-choose-country = Pilih negara
adm-choose-kind = Pilih jenis

# JPAs.
adm-jpas-title = JPA
adm-jpas-caption = Joint Period of Action, terbaru lebih dulu
adm-jpas-new-button = Buat JPA
adm-jpas-new-link = JPA baru
adm-jpas-none = Belum ada JPA.
adm-jpas-pager = Halaman JPA
adm-jpa-new-title = Buat JPA
adm-jpa-new-lede = JPA baru dimulai dengan status perencanaan: tambahkan instansinya, lalu aktifkan.
adm-jpa-create-submit = Buat JPA
adm-jpa-edit-title = Edit JPA { $code }
adm-jpa-title = JPA { $code } (administrasi)
adm-jpa-caption = Administrasi JPA
adm-jpa-exercise-banner = JPA ini adalah latihan.
adm-jpa-edit-link = Edit datanya
adm-jpa-open-link = Buka halaman JPA
adm-jpa-audit-link = Perubahannya di log audit
adm-jpa-closed-readonly = JPA ini telah ditutup dan hanya dapat dibaca.
adm-hint-code = Huruf, angka, tanda hubung, atau garis bawah, mis. JPA-2026.
adm-hint-description = Opsional. Tujuan JPA.
adm-hint-date = Tahun-bulan-tanggal, misalnya 2026-03-15.
adm-hint-end_date-new = Tahun-bulan-tanggal. Kosongkan untuk 12 bulan setelah tanggal mulai.
adm-hint-is_exercise = Pengingat dan halamannya ditandai sebagai latihan.
adm-hint-report_due_day = Dari 1 sampai 28: laporan suatu bulan jatuh tempo pada tanggal ini di bulan berikutnya.
adm-hint-reminder_days_before = Dari 0 sampai 28: kapan pengingat “segera jatuh tempo” dikirim.
adm-hint-timezone = “Hari ini” untuk jatuh tempo dan pengingat adalah tanggal di zona ini.
adm-jpa-status-heading = Status
adm-jpa-status-now-planning = JPA sedang direncanakan: belum ada laporan yang wajib disampaikan dan tidak ada pengingat yang dikirim.
adm-jpa-status-now-active = JPA sedang berjalan: laporan wajib disampaikan dan pengingat dikirim.
adm-jpa-status-now-closed = JPA telah ditutup: hanya dapat dibaca, dan statusnya tidak dapat diubah lagi.
adm-jpa-move-to-active = Aktifkan…
adm-jpa-move-to-closed = Tutup…
adm-participants-heading = Instansi peserta
adm-participants-caption = Instansi yang ikut serta dalam { $code }
adm-participants-none = Belum ada instansi yang ikut serta.
adm-participants-all = Semua instansi sudah ikut serta.
adm-participant-add-heading = Tambah instansi
adm-participant-add = Tambahkan instansi
adm-participant-remove = Hapus
adm-choose-agency = Pilih instansi
adm-hint-joined_on-planning = Opsional, tahun-bulan-tanggal. Kosong: sejak JPA dimulai.
adm-hint-joined_on-active = Opsional, tahun-bulan-tanggal. Kosong: sejak hari ini. Laporan wajib disampaikan mulai bulan ini.
adm-hint-joined_on-closed = Opsional, tahun-bulan-tanggal.
adm-status-title-active = Aktifkan { $code }?
adm-status-title-closed = Tutup { $code }?
adm-status-title-none = { $code } telah ditutup
adm-status-explain-active = Setelah aktif, setiap instansi peserta wajib menyampaikan laporan bulanan dan email pengingat mulai dikirim. Status tidak dapat kembali ke perencanaan.
adm-status-explain-closed = Setelah ditutup, JPA hanya dapat dibaca: penyidikan, tonggak capaian, hasil, dan laporan tidak dapat diubah lagi. Tindakan ini tidak dapat dibatalkan.
adm-status-confirm-active = Ya, aktifkan
adm-status-confirm-closed = Ya, tutup
adm-status-keep = Tidak, biarkan seperti semula
adm-status-back = Kembali ke JPA
adm-status-problem = Tidak ada yang diubah

# The outbox and the reminder pass.
adm-emails-title = Kotak keluar
adm-emails-lede = Semua email yang telah diantrekan layanan, terbaru lebih dulu. Isi email tidak ditampilkan: undangan dan pengaturan ulang kata sandi memuat tautan rahasia.
adm-outbox-heading = Email
adm-emails-caption = Email di kotak keluar, terbaru lebih dulu
adm-emails-filter-label = Filter email
adm-emails-none = Belum ada email yang diantrekan.
adm-emails-none-filtered = Tidak ada email dengan status ini.
adm-emails-pager = Halaman email
adm-not-sent = belum
adm-attempts = { $n ->
    [one] 1 percobaan
   *[other] { $n } percobaan
}
adm-mail-status-pending = Menunggu
adm-mail-status-sending = Sedang dikirim
adm-mail-status-sent = Terkirim
adm-mail-status-failed = Gagal
adm-reminders-heading = Jalankan proses pengingat sekarang
adm-reminders-lede = Penjadwal menjalankan proses ini setiap hari. Setiap proses mengantrekan pengingat yang jatuh tempo untuk setiap JPA aktif dan tidak pernah mengantrekan pengingat yang sama dua kali.
adm-hint-as_of = Opsional, tahun-bulan-tanggal: jalankan seolah-olah hari ini adalah tanggal tersebut. Kosong: hari ini di zona waktu masing-masing JPA.
adm-reminders-run = Jalankan proses pengingat
adm-reminders-as-of = Per { $date }.
adm-reminders-today = Per hari ini.
adm-reminders-due-soon = { $n ->
    [one] 1 pengingat “segera jatuh tempo” diantrekan
   *[other] { $n } pengingat “segera jatuh tempo” diantrekan
}
adm-reminders-overdue = { $n ->
    [one] 1 pengingat lewat jatuh tempo diantrekan
   *[other] { $n } pengingat lewat jatuh tempo diantrekan
}
adm-reminders-digest = { $n ->
    [one] 1 ringkasan ketua bersama diantrekan
   *[other] { $n } ringkasan ketua bersama diantrekan
}

# The audit log.
adm-audit-title = Log audit
adm-audit-lede = Setiap perubahan, terbaru lebih dulu, beserta pelaku dan waktunya (waktu dalam UTC). Untuk kolom terlindungi pada penyidikan, hanya ditampilkan bahwa kolom tersebut berubah.
adm-audit-filter-label = Filter log audit
adm-audit-entity_type = Jenis entitas
adm-audit-hint-entity_type = mis. jpa, agency, user, investigation
adm-audit-entity_id = ID entitas
adm-audit-actor_id = Pelaku (ID pengguna)
adm-audit-from = Dari
adm-audit-to = Sebelum
adm-audit-hint-time = Tanggal (2026-03-15) atau waktu UTC.
adm-audit-caption = Peristiwa audit, terbaru lebih dulu
adm-audit-col-actor = Pelaku
adm-audit-col-entity = Entitas
adm-audit-col-request = ID permintaan
adm-audit-system = layanan
adm-audit-by-actor-id = Semua perubahan oleh { $id }
adm-audit-of-entity = Semua perubahan pada { $id }
adm-audit-changes-of = Kolom yang diubah oleh { $action }
adm-audit-col-field = Kolom
adm-audit-col-before = Sebelum
adm-audit-col-after = Sesudah
adm-audit-no-fields = Tidak ada kolom yang tercatat.
adm-audit-changed-withheld = diubah (nilai tidak dicatat)
adm-audit-none = Belum ada peristiwa audit.
adm-audit-none-filtered = Tidak ada peristiwa yang sesuai dengan filter ini.
adm-audit-pager = Halaman log audit
adm-label-locale = Bahasa
adm-hint-locale-new = Halaman dan email, termasuk undangan, menggunakan bahasa ini. Pengguna dapat mengubahnya di halaman akunnya.
adm-hint-locale = Bahasa halaman dan email pengguna ini.
adm-locale-default = Bahasa negara instansi (jika tidak ada, bahasa Inggris)
adm-label-organisation = Organisasi
adm-hint-organisation = Hanya untuk pengamat: organisasi internasional tempat mereka bernaung, seperti UNODC atau IOM. Atas nama organisasi inilah mereka menyatakan minat dalam rencana kerja.
