# The name of this language, in itself (language pickers list each language by it).
language-name = Bahasa Melayu
# The pages' messages in Malay (Project Fluent).

service-name = Penyelarasan JPA
skip-to-content = Langkau ke kandungan utama
signed-in-as = Log masuk sebagai { $name }
sign-out = Log keluar
nav-label = Utama
nav-jpas = Senarai JPA
nav-me = Akaun anda
jpa-bar-current = JPA semasa:
jpa-bar-switch = Tukar JPA
jpa-nav-label = Halaman { $code }
nav-jpa-home = Gambaran keseluruhan
nav-jpa-investigations = Siasatan
nav-jpa-returns = Laporan bulanan
nav-jpa-compliance = Pematuhan
nav-jpa-progress = Kemajuan
nav-jpa-dashboard = Papan pemuka
nav-jpa-compendium = Kompendium
jpa-exercise-banner = Latihan: JPA ini ialah simulasi. Angkanya bukan kes sebenar.
footer-text = Penyelarasan Tempoh Tindakan Bersama (JPA). Untuk kegunaan rasmi agensi yang mengambil bahagian.

role-admin = pentadbir
role-co_chair = pengerusi bersama
role-liaison = pegawai perhubungan agensi
role-observer = pemerhati

error-summary-title = Terdapat masalah
error-prefix = Ralat:
error-title-prefix = Ralat:
error-generic = { $message }
error-home-link = Pergi ke halaman utama
error-request-id = Jika anda melaporkan perkara ini, nyatakan ID permintaan { $id }.
error-not-found-title = Halaman tidak dijumpai
error-not-found-body = Tiada halaman di alamat ini, atau anda tidak mempunyai akses kepadanya. Jika anda menaip alamat itu, pastikan ia betul.
error-forbidden-title = Anda tidak boleh melakukan ini
error-forbidden-body = Perkara ini tidak dibuka kepada akaun anda, atau borang telah dihantar dari luar perkhidmatan ini. Jika anda menghantar borang, kembali, muat semula halaman dan cuba lagi.
error-bad-request-title = Terdapat kesilapan dalam permintaan itu
error-bad-request-body = Kembali dan cuba lagi.
error-conflict-title = Perkara itu tidak dapat dilakukan
error-conflict-body = Terdapat perubahan sementara itu. Kembali, muat semula halaman dan cuba lagi.
error-unavailable-title = Maaf, perkhidmatan tidak tersedia
error-unavailable-body = Perkhidmatan tidak memberi respons buat masa ini. Cuba lagi dalam beberapa minit.
error-internal-title = Maaf, terdapat masalah pada perkhidmatan
error-internal-body = Cuba lagi kemudian.

field-email = Alamat e-mel
field-password = Kata laluan
field-code = Kod
field-current-password = Kata laluan semasa
field-new-password = Kata laluan baharu
field-confirm-password = Sahkan kata laluan baharu
password-hint = 12 hingga 128 aksara. Frasa laluan beberapa perkataan paling mudah diingat.
back-to-sign-in = Kembali ke log masuk

login-title = Log masuk
login-submit = Log masuk
login-forgot-link = Terlupa kata laluan?

totp-title = Masukkan kod anda
totp-hint = Kod 6 digit daripada aplikasi pengesah anda, atau salah satu kod pemulihan anda.
totp-submit = Teruskan
totp-start-again = Mula semula

forgot-title = Tetapkan semula kata laluan
forgot-intro = Masukkan alamat e-mel akaun anda. Kami akan menghantar pautan untuk menetapkan kata laluan baharu.
forgot-submit = Hantar pautan
forgot-sent-title = Semak e-mel anda
forgot-sent-body = Jika alamat itu mempunyai akaun, kami telah menghantar pautan untuk menetapkan kata laluan baharu. Pautan itu sah selama 1 jam. Jika tiada apa-apa diterima, semak folder spam anda atau minta sekali lagi.

set-password-title = Tetapkan kata laluan anda
set-password-submit = Tetapkan kata laluan
set-password-no-token = Pautan ini tidak lengkap. Gunakan pautan daripada e-mel anda sebagaimana adanya.
set-password-new-link = Minta pautan baharu

me-title = Akaun anda
me-name = Nama
me-email = Alamat e-mel
me-role = Peranan
me-password-heading = Tukar kata laluan anda
me-password-intro = Sesi log masuk anda yang lain akan tamat apabila anda menukarnya.
me-password-submit = Tukar kata laluan
me-mfa-heading = Log masuk dua faktor
me-mfa-on = Log masuk dua faktor dihidupkan. Anda log masuk dengan kata laluan dan kod daripada aplikasi pengesah anda.
me-mfa-off = Log masuk dua faktor dimatikan. Hidupkannya untuk melindungi akaun anda dengan kod daripada aplikasi pengesah.
me-mfa-enrol-hint = Untuk menghidupkannya, sahkan kata laluan semasa anda.
me-mfa-enrol-submit = Hidupkan log masuk dua faktor
me-codes-heading = Kod pemulihan
me-codes-left = { $count ->
    [0] Anda tiada lagi kod pemulihan yang belum digunakan. Jana kod baharu sekarang.
    [one] Anda masih mempunyai 1 kod pemulihan yang belum digunakan.
   *[other] Anda masih mempunyai { $count } kod pemulihan yang belum digunakan.
  }
me-codes-intro = Kod baharu menggantikan semua kod lama. Anda memerlukan kata laluan dan kod semasa.
me-codes-submit = Jana kod pemulihan baharu
me-mfa-disable-heading = Matikan log masuk dua faktor
me-mfa-disable-submit = Matikan log masuk dua faktor

enrol-title = Sediakan aplikasi pengesah anda
enrol-step-scan = Imbas kod QR ini dengan aplikasi pengesah anda.
enrol-qr-alt = Kod QR yang menambah akaun ini ke aplikasi pengesah
enrol-step-key = Jika anda tidak dapat mengimbasnya, masukkan kunci ini dalam aplikasi:
enrol-code-hint = Masukkan kod 6 digit yang kini dipaparkan oleh aplikasi.
enrol-submit = Hidupkan
enrol-cancel = Batal

codes-title = Kod pemulihan anda
codes-once = Simpan kod ini di tempat yang selamat. Setiap kod boleh digunakan sekali, sebagai ganti kod daripada aplikasi anda. Kod ini dipaparkan sekali ini sahaja.
codes-done = Saya telah menyimpannya

jpas-title = JPA anda
jpas-caption = Tempoh Tindakan Bersama yang boleh anda lihat
jpas-code = Kod
jpas-name = Nama
jpas-dates = Tarikh
jpas-status = Status
jpas-exercise = latihan
jpas-date-range = { $start } hingga { $end }
jpa-status-planning = Perancangan
jpa-status-active = Aktif
jpa-status-closed = Ditutup
jpas-none = Belum ada JPA untuk anda lihat.
jpas-more = Hanya 100 yang pertama disenaraikan.

notice-signed-out = Anda telah log keluar.
notice-password-set = Kata laluan anda telah ditetapkan. Anda boleh log masuk sekarang.
notice-password-changed = Kata laluan anda telah ditukar. Sesi anda yang lain telah ditamatkan.
notice-mfa-off = Log masuk dua faktor dimatikan.
notice-mfa-required = Peranan anda wajib menggunakan log masuk dua faktor. Hidupkannya di bawah untuk meneruskan.
notice-session-ended = Sesi anda telah tamat. Log masuk semula.

err-email-missing = Masukkan alamat e-mel anda
err-password-missing = Masukkan kata laluan anda
err-sign-in-refused = Masukkan alamat e-mel dan kata laluan yang betul
err-throttled = Terlalu banyak percubaan. Cuba lagi dalam { $minutes ->
    [one] 1 minit
   *[other] { $minutes } minit
  }.
err-code-missing = Masukkan kod
err-code-refused = Kod tidak betul, atau terlalu lama diambil. Masukkan kod semasa, atau mula semula.
err-code-wrong = Kod ini bukan kod semasa aplikasi pengesah anda
err-password-or-code = Kata laluan atau kod tidak betul
err-current-password = Kata laluan semasa anda tidak betul
err-current-password-missing = Masukkan kata laluan semasa anda
err-new-password-missing = Masukkan kata laluan baharu
err-confirm-mismatch = Kedua-dua kata laluan tidak sepadan
err-password-too-short = Kata laluan mestilah sekurang-kurangnya 12 aksara
err-password-too-long = Kata laluan mestilah tidak melebihi 128 aksara
err-password-common = Kata laluan terlalu biasa atau terlalu mudah diteka; pilih yang lain
err-token-invalid = Pautan ini tidak sah, telah digunakan atau telah tamat tempoh. Minta pautan baharu

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = Bahasa
me-language-heading = Bahasa
me-language-label = Bahasa halaman dan e-mel anda
me-language-save = Simpan bahasa
notice-language-saved = Bahasa anda telah disimpan.

## Months and dates as pages show them
month-1 = Januari
month-2 = Februari
month-3 = Mac
month-4 = April
month-5 = Mei
month-6 = Jun
month-7 = Julai
month-8 = Ogos
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Disember
# A period (a month of a year) written out, e.g. "Mac 2026".
period-long = { $month } { $year }
# A day written out, e.g. "10 Mac 2026".
date-long = { $day } { $month } { $year }
# Between groups of three digits in large numbers (1,234,567).
number-group-separator = ,
err-stale-form = Akaun anda berubah semasa halaman ini dibuka. Semak pilihan di bawah dan simpan semula.
err-locale-unknown = Pilih salah satu bahasa dalam senarai.
