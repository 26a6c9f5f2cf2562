#!/bin/sh
# `make install`: install site-builder for the current user, like a program.
#
#   - a private Python environment in ~/.local/share/site-builder/venv (exact library
#     versions from requirements.lock, so it matches what the tests ran);
#   - the command `site-builder` linked into ~/.local/bin;
#   - if a new login shell would not find ~/.local/bin, one marked block added to the
#     shell's login file (~/.profile, ~/.bash_profile or ~/.zprofile) that puts it on PATH.
#
# `make uninstall` (this script with --uninstall) removes the environment and the link.
# Messages are Vietnamese: staff run this from docs/huong-dan.md.
set -eu

HOME_DIR=${SITE_BUILDER_HOME:-"$HOME/.local/share/site-builder"}
BIN_DIR=${SITE_BUILDER_BIN:-"$HOME/.local/bin"}
PYTHON=${PYTHON:-python3}
LOCK=${LOCK:-requirements.lock}
MARK="# site-builder: ~/.local/bin trong PATH"

say() { printf '%s\n' "$*"; }
fail() { printf 'Lỗi: %s\n' "$*" >&2; exit 1; }

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$HOME_DIR"
  [ -L "$BIN_DIR/site-builder" ] && rm -f "$BIN_DIR/site-builder"
  say "Đã gỡ site-builder (khối dòng \"$MARK\" trong tệp đăng nhập, nếu có, vô hại và có thể xoá tay)."
  exit 0
fi

command -v "$PYTHON" >/dev/null 2>&1 || fail "không tìm thấy $PYTHON; hãy cài Python 3.11 trở lên (xem docs/huong-dan.md, chương Cài đặt)."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "cần Python 3.11 trở lên, máy đang có $("$PYTHON" -V 2>&1)."
[ -f "$LOCK" ] || fail "chạy lệnh này trong thư mục mã nguồn site-builder (không thấy $LOCK)."

log=$(mktemp)
quietly() {
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; fail "cài đặt không thành công (chi tiết ở trên)."; fi
}

say "• Tạo môi trường Python riêng trong $HOME_DIR/venv …"
mkdir -p "$HOME_DIR"
quietly "$PYTHON" -m venv --clear "$HOME_DIR/venv"
pip_() { "$HOME_DIR/venv/bin/python" -m pip --disable-pip-version-check "$@"; }
quietly pip_ install -c "$LOCK" pip setuptools
say "• Cài site-builder và các thư viện (phiên bản theo $LOCK) …"
quietly pip_ install --no-build-isolation -c "$LOCK" .
rm -f "$log"

"$HOME_DIR/venv/bin/python" -c 'import weasyprint' 2>/dev/null || say \
  "Cảnh báo: thiếu thư viện hệ thống Pango nên chưa dựng được PDF (Debian/Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango)."

mkdir -p "$BIN_DIR"
ln -sf "$HOME_DIR/venv/bin/site-builder" "$BIN_DIR/site-builder"

# Which file a new login shell reads: zsh reads ~/.zprofile; bash the first of
# ~/.bash_profile, ~/.bash_login, ~/.profile; other shells ~/.profile.
login_file() {
  case "$(basename "${SHELL:-sh}")" in
    zsh) echo "$HOME/.zprofile" ;;
    bash)
      for f in "$HOME/.bash_profile" "$HOME/.bash_login"; do
        [ -f "$f" ] && { echo "$f"; return; }
      done
      echo "$HOME/.profile" ;;
    *) echo "$HOME/.profile" ;;
  esac
}

found=$(env -i HOME="$HOME" USER="${USER:-}" SHELL="${SHELL:-/bin/sh}" TERM=dumb PATH=/usr/local/bin:/usr/bin:/bin \
  "${SHELL:-/bin/sh}" -lc 'command -v site-builder' 2>/dev/null || true)
if [ -z "$found" ]; then
  file=$(login_file)
  if ! grep -qF "$MARK" "$file" 2>/dev/null; then
    printf '\n%s\ncase ":$PATH:" in *":%s:"*) ;; *) PATH="%s:$PATH"; export PATH ;; esac\n' \
      "$MARK" "$BIN_DIR" "$BIN_DIR" >>"$file"
    say "• Đã thêm $BIN_DIR vào PATH trong $file."
  fi
fi

version=$("$BIN_DIR/site-builder" --version 2>/dev/null || true)
say "Xong: $version đã cài. Mở một cửa sổ dòng lệnh MỚI rồi kiểm tra bằng lệnh: site-builder --version (thấy “site-builder, phiên bản …” là xong; xem các lệnh: site-builder --help)"
