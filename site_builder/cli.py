"""Command line: options -> one API call -> printed problems and an exit code.

Exit codes: 0 ok, 1 content errors, 2 usage errors, 3 render failure.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path

import click

from site_builder import __version__, cli_i18n
from site_builder.catalogue import nclause, text
from site_builder.problems import Problems, RenderError, SiteError

# Before any command is declared: some of click's texts are looked up by its decorators.
cli_i18n.install()

EXIT_CONTENT, EXIT_USAGE, EXIT_RENDER = 1, 2, 3

SITE_OPTION = click.option(
    "--site",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    metavar="THƯ_MỤC",
    help="Thư mục trang (chứa content/).",
)


def print_problems(problems: Problems, quiet: bool = False) -> None:
    for problem in problems.sorted():
        if quiet and problem.severity == "warning":
            continue
        click.echo(problem.format(), err=True)


def summary_counts(problems: Problems) -> str:
    errors = nclause("counts.errors", len(problems.errors))
    warnings = nclause("counts.warnings", len(problems.warnings))
    return text("counts", errors=errors, warnings=warnings)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="site-builder")
@click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật (traceback) khi có sự cố.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """site-builder: xuất bản trang web và kỷ yếu PDF của Đảng bộ Khối.

    \b
    Ví dụ:
      site-builder build                 # dựng trang web + PDF vào output/
      site-builder check --strict        # chỉ kiểm tra nội dung
      site-builder serve                 # xem trước, tự tải lại khi lưu tệp
      site-builder new conference --date 2025-07-15 --title "Hội nghị sơ kết 6 tháng"
    """
    ctx.obj = {"debug": debug}


@main.command()
@SITE_OPTION
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục kết quả (mặc định: output/).",
)
@click.option("--no-pdf", is_flag=True, help="Không dựng kỷ yếu PDF (nhanh hơn).")
@click.option("--strict", is_flag=True, help="Coi mọi cảnh báo là lỗi.")
@click.option("--quiet", "-q", is_flag=True, help="Chỉ in lỗi và dòng tổng kết.")
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1"]),
    help="Chuẩn PDF: pdf/a-* để lưu trữ lâu dài, pdf/ua-1 cho người khiếm thị (PDF có gắn thẻ).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(0, 64), default=0, metavar="SỐ", help="Số tiến trình song song (0: tự chọn)."
)
@click.option("--force", is_flag=True, help="Dựng lại toàn bộ dù nội dung không đổi, không dùng bộ nhớ đệm.")
@click.pass_context
def build(
    ctx, site: Path, output: Path | None, no_pdf: bool, strict: bool, quiet: bool, pdf_variant, jobs, force: bool
) -> None:
    """Dựng trang web (và kỷ yếu PDF) vào thư mục output/.

    \b
    Ví dụ:
      site-builder build
      site-builder build --no-pdf --output /tmp/xem-thu
      site-builder build --site ../dang-bo-khoi --strict
    """
    from site_builder.build import BuildOptions, build_site

    options = BuildOptions(
        site.resolve(), output.resolve() if output else None, not no_pdf, strict, pdf_variant, jobs, not force
    )
    progress = None if quiet else (lambda line: click.echo(f"… {line}", err=True))
    kept = has_previous_output(options.output_dir)
    report = run(ctx, lambda: build_site(options, progress), quiet, kept)
    print_problems(report.problems, quiet)
    done = text(
        "build.done",
        unchanged=text("build.unchanged") if report.up_to_date else "",
        records=report.records,
        pages=report.pages,
        pdf_pages=report.pdf_pages,
        seconds=format_seconds(report.seconds),
        counts=summary_counts(report.problems),
        output=options.output_dir,
    )
    click.echo(done, err=True)
    if report.dropped_pdf:
        click.echo(text("build.dropped-pdf", output=display_dir(options.output_dir, site.resolve())), err=True)


def format_seconds(seconds: float, lang: str = "vi") -> str:
    """One decimal, written the Vietnamese way: 1.84 -> "1,8"."""
    shown = f"{seconds:.1f}"
    return shown if lang == "en" else shown.replace(".", ",")


def has_previous_output(output: Path) -> bool:
    """Whether an earlier build left something in `output` (so a failed build keeps it)."""
    try:
        return output.is_dir() and any(output.iterdir())
    except OSError:
        return False


def display_dir(folder: Path, site: Path) -> str:
    """`output/` for the site's own output folder, else the folder's full path."""
    try:
        return folder.relative_to(site).as_posix() + "/"
    except ValueError:
        return str(folder)


@main.command()
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Coi mọi cảnh báo là lỗi.")
@click.pass_context
def check(ctx, site: Path, strict: bool) -> None:
    """Kiểm tra toàn bộ nội dung, báo mọi lỗi một lần; không ghi gì.

    \b
    Ví dụ:
      site-builder check
      site-builder check --strict --site ../dang-bo-khoi
    """
    from site_builder.build import check_site

    problems = run(ctx, lambda: check_site(site.resolve()), False)
    print_problems(problems)
    if problems.has_errors(strict):
        click.echo(text("check.failed", counts=summary_counts(problems)), err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(text("check.ok", counts=summary_counts(problems)), err=True)


def run(ctx: click.Context, action, quiet: bool, kept: bool = False):
    """Call the API; map failures to messages and exit codes, never a traceback.

    `kept`: an earlier output exists and a failure leaves it as it was, which the
    outcome line then says; without one (first build, check, serve) it says nothing of it."""
    suffix = "" if kept else ".fresh"
    try:
        return action()
    except SiteError as exc:
        print_problems(exc.problems, quiet)
        click.echo(text("run.content-errors" + suffix, counts=summary_counts(exc.problems)), err=True)
        sys.exit(EXIT_CONTENT)
    except RenderError as exc:
        print_problems(exc.problems, quiet)
        click.echo(text("run.render-failed" + suffix), err=True)
        sys.exit(EXIT_RENDER)
    except KeyboardInterrupt:
        click.echo(text("run.interrupted" + suffix), err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for staff
        if ctx.obj and ctx.obj.get("debug"):
            traceback.print_exc()
        click.echo(text("run.internal" + suffix, detail=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_RENDER)


@main.group()
def new() -> None:
    """Tạo tệp mới từ mẫu (không bao giờ ghi đè tệp đã có).

    \b
    Ví dụ:
      site-builder new site ky-yeu-dang-bo-khoi
      site-builder new year 2025
      site-builder new conference --date 2025-07-15 --title "Hội nghị sơ kết 6 tháng đầu năm 2025"
      site-builder new page --title "Lịch sử Đảng bộ Khối"
    """


def _scaffold(action) -> None:
    from site_builder.scaffold import ScaffoldError

    try:
        created = action()
    except ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for path in created if isinstance(created, list) else [created]:
        click.echo(text("new.created", path=path))


@new.command("site")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar="THƯ_MỤC")
@click.option("--title", metavar="TÊN", help="Tên trang / kỷ yếu.")
@click.option("--organization", metavar="TÊN", help="Tên đầy đủ của Đảng bộ Khối.")
def new_site_cmd(directory: Path, title: str | None, organization: str | None) -> None:
    """Tạo một trang kỷ yếu mới, đủ mọi loại tệp mẫu.

    \b
    Ví dụ:
      site-builder new site ky-yeu-dang-bo-khoi
    """
    from site_builder.scaffold import new_site

    _scaffold(lambda: new_site(directory, title=title, organization=organization, today=dt.date.today()))


@new.command("year")
@click.argument("year", type=click.IntRange(1900, 2200), metavar="NĂM")
@SITE_OPTION
def new_year_cmd(year: int, site: Path) -> None:
    """Tạo thư mục cho một năm mới: years/NĂM/.

    \b
    Ví dụ:
      site-builder new year 2025
    """
    from site_builder.scaffold import new_year

    _scaffold(lambda: new_year(site, year))


KINDS = ["so-ket", "tong-ket", "bch-mo-rong", "dai-hoi", "chuyen-de", "khac"]


@new.command("conference")
@click.option(
    "--date",
    "date_",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="NĂM-THÁNG-NGÀY",
    help="Ngày họp, ví dụ 2025-07-15.",
)
@click.option("--title", required=True, metavar="TÊN", help="Tên hội nghị.")
@click.option("--kind", type=click.Choice(KINDS), default="so-ket", show_default=True, help="Loại hội nghị.")
@SITE_OPTION
def new_conference_cmd(date_, title: str, kind: str, site: Path) -> None:
    """Tạo bài về một hội nghị trong years/NĂM/conferences/.

    \b
    Ví dụ:
      site-builder new conference --date 2025-07-15 --title "Hội nghị sơ kết 6 tháng đầu năm 2025"
      site-builder new conference --date 2025-12-20 --title "Tổng kết năm 2025" --kind tong-ket
    """
    from site_builder.scaffold import new_conference

    _scaffold(lambda: new_conference(site, date=date_.date(), title=title, kind=kind))


@new.command("page")
@click.option("--title", required=True, metavar="TÊN", help="Tiêu đề trang.")
@click.option("--slug", metavar="TÊN_TỆP", help="Tên tệp/địa chỉ (chữ không dấu), mặc định lấy từ tiêu đề.")
@SITE_OPTION
def new_page_cmd(title: str, slug: str | None, site: Path) -> None:
    """Tạo một trang tự do trong pages/.

    \b
    Ví dụ:
      site-builder new page --title "Lịch sử Đảng bộ Khối"
    """
    from site_builder.scaffold import new_page

    _scaffold(lambda: new_page(site, title=title, slug=slug))


@main.command()
@SITE_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ĐỊA_CHỈ",
    help="Địa chỉ lắng nghe (0.0.0.0: cả mạng nội bộ).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="CỔNG", help="Cổng.")
@click.option("--open", "open_browser", is_flag=True, help="Mở trình duyệt khi sẵn sàng.")
@click.option("--no-pdf", is_flag=True, help="Không dựng kỷ yếu PDF khi xem trước.")
@click.pass_context
def serve(ctx, site: Path, host: str, port: int, open_browser: bool, no_pdf: bool) -> None:
    """Xem trước trang web: tự dựng lại và tải lại trình duyệt mỗi khi lưu tệp.

    \b
    Ví dụ:
      site-builder serve --open
      site-builder serve --port 8080 --no-pdf
    """
    from site_builder.serve.server import ServeOptions, serve_site

    options = ServeOptions(site.resolve(), host, port, open_browser, not no_pdf)

    def action() -> None:
        try:
            serve_site(options, lambda line: click.echo(line, err=True))
        except OSError as exc:
            click.echo(text("serve.port-busy", host=host, port=port, detail=exc.strerror or exc), err=True)
            sys.exit(EXIT_USAGE)

    run(ctx, action, False)


def _localise_usage(command: click.Command) -> None:
    """ "[OPTIONS]" and "COMMAND [ARGS]..." in usage lines, in Vietnamese (click has no msgid for them)."""
    command.options_metavar = "[TÙY_CHỌN]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "LỆNH [ĐỐI_SỐ]..."
        for sub in command.commands.values():
            _localise_usage(sub)


_localise_usage(main)
