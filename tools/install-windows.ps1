# Windows counterpart of `make install` (tools/install-user.sh). NOT TESTED on Windows by the
# project: it follows WeasyPrint's documented Windows requirements (Windows 11 64-bit, Python
# from the Microsoft Store, the GTK3 runtime installer for Pango).
#
#   powershell -ExecutionPolicy Bypass -File tools\install-windows.ps1
#   powershell -ExecutionPolicy Bypass -File tools\install-windows.ps1 -Uninstall
#
# A private environment in %LOCALAPPDATA%\site-builder\venv (versions from requirements.lock),
# a site-builder.cmd shim in %LOCALAPPDATA%\site-builder\bin, that folder added to the user's PATH.
param([switch]$Uninstall)
$ErrorActionPreference = "Stop"
$Home_ = Join-Path $env:LOCALAPPDATA "site-builder"
$Venv = Join-Path $Home_ "venv"
$Bin = Join-Path $Home_ "bin"
$Lock = "requirements.lock"

function Say($text) { Write-Host $text }

$userPath = [Environment]::GetEnvironmentVariable("Path", "User")
if ($Uninstall) {
    if (Test-Path $Home_) { Remove-Item -Recurse -Force $Home_ }
    $parts = ($userPath -split ";") | Where-Object { $_ -and ($_ -ne $Bin) }
    [Environment]::SetEnvironmentVariable("Path", ($parts -join ";"), "User")
    Say "Đã gỡ site-builder."
    exit 0
}

if (-not (Test-Path $Lock)) { throw "Chạy lệnh này trong thư mục mã nguồn site-builder (không thấy $Lock)." }
$python = (Get-Command python -ErrorAction SilentlyContinue)
if (-not $python) { throw "Không tìm thấy Python; hãy cài Python 3.11 trở lên từ Microsoft Store." }
& python -c "import sys; sys.exit(sys.version_info < (3, 11))"
if ($LASTEXITCODE -ne 0) { throw "Cần Python 3.11 trở lên." }

Say "• Tạo môi trường Python riêng trong $Venv …"
New-Item -ItemType Directory -Force -Path $Home_ | Out-Null
& python -m venv --clear $Venv
$py = Join-Path $Venv "Scripts\python.exe"
& $py -m pip install --quiet --disable-pip-version-check -c $Lock pip setuptools
if ($LASTEXITCODE -ne 0) { throw "Cài đặt không thành công (chi tiết ở trên)." }
Say "• Cài site-builder và các thư viện (phiên bản theo $Lock) …"
& $py -m pip install --quiet --disable-pip-version-check --no-build-isolation -c $Lock .
if ($LASTEXITCODE -ne 0) { throw "Cài đặt không thành công (chi tiết ở trên)." }

New-Item -ItemType Directory -Force -Path $Bin | Out-Null
$exe = Join-Path $Venv "Scripts\site-builder.exe"
Set-Content -Encoding ASCII -Path (Join-Path $Bin "site-builder.cmd") -Value "@`"$exe`" %*"
if (-not (($userPath -split ";") -contains $Bin)) {
    [Environment]::SetEnvironmentVariable("Path", "$userPath;$Bin", "User")
    Say "• Đã thêm $Bin vào PATH của người dùng."
}
& $py -c "import weasyprint" 2>$null
if ($LASTEXITCODE -ne 0) {
    Say "Cảnh báo: chưa nạp được Pango (GTK3) nên chưa dựng được PDF; xem docs/huong-dan.md, mục Windows."
}
Say "Xong. Mở một cửa sổ PowerShell MỚI rồi gõ: site-builder --help"
