"""A synthetic yearbook site of N conferences, written to the content contract.

Deterministic for a given (n, seed). Conferences are spread over whole
five-year terms (about 40 a year, at most 50 years), every year has targets
and awards, and every conference body is about 400 words of Vietnamese with
`##` headings, a list, a table, glossary abbreviations and a link to its
year. Used by bench/run.py and bench/floor.py; run it directly to write a
site for a look:

    python bench/synthetic.py /tmp/site 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PER_YEAR = 40
MAX_YEARS = 50
LAST_YEAR = 2025

KINDS = ("so-ket", "tong-ket", "bch-mo-rong", "chuyen-de", "khac")
KIND_TITLES = {
    "so-ket": "Hội nghị sơ kết {what} {period}",
    "tong-ket": "Hội nghị tổng kết {what} năm {year}",
    "bch-mo-rong": "Hội nghị Ban Chấp hành mở rộng lần thứ {number}",
    "chuyen-de": "Hội nghị chuyên đề về {what}",
    "khac": "Hội nghị giao ban {what} {period}",
}
KIND_SLUGS = {
    "so-ket": "so-ket",
    "tong-ket": "tong-ket",
    "bch-mo-rong": "bch-mo-rong",
    "chuyen-de": "chuyen-de",
    "khac": "giao-ban",
}
TOPICS = (
    "công tác xây dựng Đảng",
    "công tác kiểm tra, giám sát",
    "công tác dân vận",
    "phát triển đảng viên",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác tuyên giáo",
    "công tác tổ chức cán bộ",
    "phong trào thi đua yêu nước",
    "bảo vệ chính trị nội bộ",
    "phòng, chống tham nhũng, lãng phí",
)
PERIODS = ("6 tháng đầu năm", "9 tháng", "quý I", "quý III", "giữa nhiệm kỳ")

FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
)  # fmt: skip
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức", "Thu", "Hoài", "Xuân", "Kim")
GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Đông", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khải", "Lan",
    "Long", "Lương", "Mai", "Nam", "Nga", "Nhân", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng",
    "Thủy", "Trung", "Tuấn", "Uyên", "Việt", "Vinh", "Xuân", "Yến", "Ánh", "Ẩn", "Ỷ",
)  # fmt: skip
ROLES = (
    "Phó Bí thư Tỉnh ủy",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
    "Bí thư Đảng ủy Khối",
    "Phó Bí thư Thường trực Đảng ủy Khối",
    "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối",
    "Trưởng Ban Tuyên giáo Đảng ủy Khối",
    "Bí thư Chi bộ Sở Tư pháp",
    "Bí thư Đảng bộ Sở Giáo dục và Đào tạo",
    "Phó Chủ tịch UBND tỉnh",
)

GLOSSARY = {
    "ĐV": "đảng viên",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "UBKT": "Ủy ban Kiểm tra",
    "ĐUK": "Đảng ủy Khối",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBND": "Ủy ban nhân dân",
    "LLCT": "lý luận chính trị",
}

SENTENCES = (
    "Cấp ủy các chi, đảng bộ cơ sở đã bám sát chương trình công tác, cụ thể hóa nghị quyết thành kế hoạch "
    "hành động phù hợp với đặc điểm từng cơ quan, đơn vị, doanh nghiệp.",
    "Việc học tập, quán triệt chỉ thị, nghị quyết của Trung ương và của Tỉnh ủy được tổ chức nghiêm túc, "
    "với tỷ lệ ĐV tham dự đạt trên {pct}%.",
    "UBKT Đảng ủy Khối đã kiểm tra {num} TCCSĐ và giám sát chuyên đề {num2} đồng chí cấp ủy viên, kịp thời "
    "chấn chỉnh những thiếu sót trong sinh hoạt chi bộ.",
    "Công tác bồi dưỡng LLCT cho cán bộ, ĐV được chú trọng; trong kỳ đã mở {num2} lớp với gần {num} học viên.",
    "Phong trào thi đua yêu nước gắn với nhiệm vụ chuyên môn tiếp tục lan tỏa, nhiều mô hình hay, cách làm "
    "sáng tạo được biểu dương và nhân rộng.",
    "Tuy vậy, chất lượng sinh hoạt ở một số chi bộ còn hình thức, nội dung chưa phong phú, chưa thu hút được "
    "ĐV trẻ tham gia đóng góp ý kiến.",
    "BTV ĐUK đề nghị các cấp ủy tăng cường phối hợp với MTTQ và các đoàn thể, chăm lo đời sống vật chất, "
    "tinh thần cho cán bộ, công chức, viên chức và người lao động.",
    "Công tác tạo nguồn, phát triển ĐV trong khu vực kinh tế tư nhân còn gặp nhiều khó khăn do lao động "
    "thường xuyên biến động.",
    "Hội nghị thống nhất cao với báo cáo của BCH, đồng thời đề ra những giải pháp trọng tâm để hoàn thành "
    "thắng lợi các chỉ tiêu đã đề ra.",
    "Đồng chí chủ trì ghi nhận sự cố gắng của tập thể cấp ủy và yêu cầu người đứng đầu nêu cao tinh thần "
    "trách nhiệm, gương mẫu trong mọi công việc.",
    "Nhiều chi bộ đã đổi mới cách sinh hoạt chuyên đề, lựa chọn vấn đề gần gũi với công việc hằng ngày để "
    "thảo luận, nhờ vậy ý kiến đóng góp thiết thực hơn.",
    "Việc đánh giá, xếp loại chất lượng TCCSĐ và ĐV cuối năm được thực hiện thực chất hơn, gắn với kết quả "
    "thực hiện nhiệm vụ chính trị của từng đơn vị.",
    "Công tác bảo vệ chính trị nội bộ được làm chặt chẽ, đúng quy định; đã thẩm tra, xác minh {num} hồ sơ "
    "phục vụ công tác cán bộ.",
    "UBND tỉnh ghi nhận những đóng góp của Đảng bộ Khối vào kết quả phát triển kinh tế - xã hội chung của "
    "địa phương trong năm {year}.",
)
LIST_ITEMS = (
    "tiếp tục đổi mới phương thức lãnh đạo của cấp ủy đối với cơ quan, đơn vị;",
    "nâng cao chất lượng sinh hoạt chi bộ, nhất là sinh hoạt chuyên đề;",
    "đẩy nhanh thẩm tra lý lịch để hoàn thành chỉ tiêu kết nạp ĐV mới;",
    "tăng cường kiểm tra, giám sát việc thực hiện quy chế làm việc của cấp ủy;",
    "xây dựng bộ tiêu chí chấm điểm mô hình “chi bộ bốn tốt”;",
    "làm tốt công tác nắm bắt tư tưởng, dư luận xã hội trong cán bộ, ĐV;",
    "chuẩn bị chu đáo nội dung, nhân sự cho đại hội chi bộ nhiệm kỳ mới;",
    "phối hợp với MTTQ tổ chức các hoạt động an sinh xã hội cuối năm.",
)
HEADINGS = (
    "Kết quả nổi bật",
    "Những hạn chế, khó khăn",
    "Ý kiến chỉ đạo",
    "Nhiệm vụ trọng tâm thời gian tới",
    "Công tác kiểm tra, giám sát",
    "Công tác tổ chức, cán bộ",
)
TARGET_NAMES = (
    ("ket-nap", "Kết nạp đảng viên mới", "đảng viên"),
    ("lop-llct", "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới", "lớp"),
    ("lop-nghiep-vu", "Lớp bồi dưỡng nghiệp vụ công tác xây dựng Đảng", "lớp"),
    ("kiem-tra", "Tổ chức đảng được kiểm tra", "tổ chức"),
    ("tccsd-tu-nhan", "Thành lập mới tổ chức cơ sở đảng trong doanh nghiệp tư nhân", "tổ chức"),
    ("hoan-thanh-tot", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%"),
    ("dang-vien-tot", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%"),
    ("ky-luat", "Đảng viên bị kỷ luật", "%"),
)
AWARDS = (
    ("Cờ thi đua", "UBND tỉnh", "collective"),
    ("Bằng khen", "Thủ tướng Chính phủ", "individual"),
    ("Bằng khen", "UBND tỉnh", "collective"),
    ("Bằng khen", "Ban Thường vụ Tỉnh ủy", "individual"),
    ("Giấy khen", "Ban Thường vụ Đảng ủy Khối", "collective"),
    ("Giấy khen", "Ban Thường vụ Đảng ủy Khối", "individual"),
)
UNITS = (
    "Đảng bộ Sở Giáo dục và Đào tạo",
    "Chi bộ Sở Tư pháp",
    "Đảng bộ Công ty Điện lực tỉnh",
    "Đảng bộ Bệnh viện Đa khoa tỉnh",
    "Chi bộ Sở Nội vụ",
    "Đảng bộ Cảng vụ Hàng hải",
)


def year_range(n: int) -> list[int]:
    """Whole five-year terms ending at LAST_YEAR, about PER_YEAR conferences a year."""
    years = min(MAX_YEARS, max(5, -(-n // PER_YEAR)))
    years = -(-years // 5) * 5
    return list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))


def q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Generator:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(seed)
        self.years = year_range(n)
        self.people = self._people(max(60, n // 8))

    def _people(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        names = set()
        while len(names) < count:
            names.add(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
        return [(name, rng.choice(ROLES)) for name in sorted(names)]

    def write(self, root: Path) -> None:
        content = root / "content"
        if content.exists():
            shutil.rmtree(content)
        (content / "pages").mkdir(parents=True)
        (content / "site.yaml").write_text(self.site_yaml(), encoding="utf-8")
        glossary = "".join(f"{k}: {v}\n" for k, v in GLOSSARY.items())
        (content / "glossary.yaml").write_text(glossary, encoding="utf-8")
        (content / "pages" / "gioi-thieu.md").write_text(self.page(), encoding="utf-8")
        for start in self.years[::5]:
            folder = content / "terms" / f"{start}-{start + 5}"
            folder.mkdir(parents=True)
            (folder / "term.md").write_text(self.term(start), encoding="utf-8")
            (folder / "targets.yaml").write_text(self.targets(f"Nhiệm kỳ {start} - {start + 5}"), encoding="utf-8")
            (folder / "awards.yaml").write_text(self.awards(start, start + 5), encoding="utf-8")
        counts = self._spread()
        for year, count in zip(self.years, counts, strict=True):
            folder = content / "years" / str(year)
            (folder / "conferences").mkdir(parents=True)
            (folder / "year.md").write_text(self.year(year), encoding="utf-8")
            (folder / "targets.yaml").write_text(self.targets(f"Năm {year}"), encoding="utf-8")
            (folder / "awards.yaml").write_text(self.awards(year, year), encoding="utf-8")
            for name, text in self.conferences(year, count):
                (folder / "conferences" / name).write_text(text, encoding="utf-8")

    def _spread(self) -> list[int]:
        base, extra = divmod(self.n, len(self.years))
        return [base + (1 if i < extra else 0) for i in range(len(self.years))]

    # records -----------------------------------------------------------------
    def site_yaml(self) -> str:
        last = self.years[-5]
        return (
            f'title: "Kỷ yếu tổng hợp ({self.n} hội nghị)"\n'
            'organization: "Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh"\n'
            'province: "Kiên Giang"\n'
            "language: vi\n"
            'base_url: "https://kyyeu.example.vn/"\n'
            "yearbook:\n"
            f'  term: "{last}-{last + 5}"\n'
        )

    def page(self) -> str:
        return f'---\ntitle: "Giới thiệu"\norder: 1\n---\n\n{self.paragraph(4)}\n\n{self.paragraph(4)}\n'

    def term(self, start: int) -> str:
        name, role = self.rng.choice(self.people)
        body = f"{self.paragraph(4)}\n\n## Định hướng của Đại hội\n\n{self.bullets(5)}\n\n{self.paragraph(3)}\n"
        return (
            "---\n"
            f'title: "Nhiệm kỳ {start} - {start + 5}: đoàn kết, đổi mới, phát triển"\n'
            f"start: {start}-08-14\n"
            f"end: {start + 5}-08-13\n"
            f'congress: "Đại hội đại biểu Đảng bộ Khối nhiệm kỳ {start} - {start + 5}"\n'
            f"secretary:\n  name: {q(name)}\n  role: {q(role)}\n"
            "stats:\n"
            f'  - label: "Đảng viên"\n    value: {self.rng.randint(2000, 4000)}\n    unit: "đảng viên"\n'
            f'  - label: "Tổ chức cơ sở đảng"\n    value: {self.rng.randint(80, 160)}\n'
            "---\n\n" + body
        )

    def year(self, year: int) -> str:
        return f'---\ntitle: "Năm {year}"\nsummary: {q(self.sentence(year))}\n---\n\n{self.paragraph(3)}\n'

    def targets(self, label: str) -> str:
        rng = self.rng
        out = [f"# Chỉ tiêu — {label}.\n"]
        for ident, name, unit in TARGET_NAMES:
            out.append(f"- id: {ident}\n  name: {q(name)}\n  unit: {q(unit)}\n")
            if unit == "%":
                if ident == "ky-luat":
                    out.append(f"  target: 1\n  actual: {rng.choice(('0.4', '0.8', '1.2'))}\n  direction: at_most\n")
                else:
                    out.append(f"  target: {rng.choice((80, 85, 90))}\n  actual: {rng.randint(750, 990) / 10}\n")
            else:
                target = rng.randint(4, 300)
                actual = max(0, target + rng.randint(-target // 3, target // 3))
                out.append(f"  target: {target}\n  actual: {actual}\n")
                if rng.random() < 0.5:
                    out.append(f"  percent: {half_up(actual, target)}\n")
            out.append(f'  source: "{rng.choice(("Tỉnh ủy giao", "Nghị quyết Đảng ủy Khối"))}"\n')
        return "".join(out)

    def awards(self, first: int, last: int) -> str:
        rng = self.rng
        out = [f"# Khen thưởng {first}-{last}.\n"]
        for title, issuer, kind in AWARDS:
            out.append(f"- title: {q(title)}\n  issuer: {q(issuer)}\n  recipient_kind: {kind}\n")
            if kind == "collective" and rng.random() < 0.6:
                names = rng.sample(UNITS, rng.randint(1, 3))
                out.append("  recipients:\n" + "".join(f"    - {q(u)}\n" for u in names))
            else:
                out.append(f"  count: {rng.randint(1, 40)}\n")
            out.append(f'  reason: "có thành tích xuất sắc trong công tác xây dựng Đảng năm {last}"\n')
            out.append(f"  date: {last}-12-{rng.randint(10, 28)}\n")
            if issuer == "Thủ tướng Chính phủ":
                out.append("  status: proposed\n")
        return "".join(out)

    def conferences(self, year: int, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        days = sorted(rng.randrange(365 if year % 4 else 366) for _ in range(count))
        out = []
        for number, day in enumerate(days, start=1):
            date = dt.date(year, 1, 1) + dt.timedelta(days=day)
            kind = rng.choice(KINDS)
            name = f"{date.isoformat()}-{KIND_SLUGS[kind]}-{number}.md"
            out.append((name, self.conference(year, date, kind, number)))
        return out

    def conference(self, year: int, date: dt.date, kind: str, number: int) -> str:
        rng = self.rng
        title = KIND_TITLES[kind].format(what=rng.choice(TOPICS), period=rng.choice(PERIODS), year=year, number=number)
        attendees = rng.sample(self.people, rng.randint(2, 5))
        head = [
            "---",
            f"title: {q(title + f' ({number}/{year})')}",
            f"date: {date.isoformat()}",
            f"kind: {kind}",
            'host: "Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh"',
            "attendees:",
            *(f"  - name: {q(n)}\n    role: {q(r)}" for n, r in attendees),
            f'author: "{rng.choice(("Văn Nỷ", "B.An", "Ban Tuyên giáo Đảng ủy Khối"))}"',
            "tags:",
            *(f"  - {q(t)}" for t in rng.sample(TOPICS, 3)),
            "---",
            "",
        ]
        headings = rng.sample(HEADINGS, 3)
        body = [
            f"Ngày {date.day:02d} tháng {date.month:02d} năm {year}, BCH ĐUK tổ chức {title[0].lower()}{title[1:]}. "
            + self.paragraph(1, year),
            f"## {headings[0]}",
            self.paragraph(2, year),
            self.table(),
            self.paragraph(1, year),
            f"## {headings[1]}",
            self.paragraph(2, year),
            f"## {headings[2]}",
            "Hội nghị thống nhất các nhiệm vụ sau:",
            self.bullets(rng.randint(4, 6)),
            self.paragraph(2, year) + " Xem thêm [tổng quan năm](../year.md).",
        ]
        return "\n".join(head) + "\n\n".join(body) + "\n"

    # text ----------------------------------------------------------------------
    def sentence(self, year: int = LAST_YEAR) -> str:
        rng = self.rng
        return rng.choice(SENTENCES).format(
            pct=rng.randint(90, 99), num=rng.randint(12, 480), num2=rng.randint(2, 30), year=year
        )

    def paragraph(self, sentences: int, year: int = LAST_YEAR) -> str:
        return " ".join(self.sentence(year) for _ in range(sentences))

    def bullets(self, count: int) -> str:
        return "\n".join(f"- {item}" for item in self.rng.sample(LIST_ITEMS, count))

    def table(self) -> str:
        rng = self.rng
        rows = ["| Chỉ tiêu | Kế hoạch | Thực hiện |", "|---|---:|---:|"]
        for _, name, unit in rng.sample(TARGET_NAMES[:5], 3):
            target = rng.randint(4, 300)
            rows.append(f"| {name} ({unit}) | {target} | {target + rng.randint(-3, 20)} |")
        return "\n".join(rows)


def half_up(actual: int, target: int) -> str:
    """actual / target as a percent to one decimal, rounded half-up as the contract checks it."""
    return str((Decimal(actual * 100) / Decimal(target)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a site of `n` conferences under `root` (its content/ is replaced)."""
    root.mkdir(parents=True, exist_ok=True)
    Generator(n, seed).write(root)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.root, args.n, args.seed)


if __name__ == "__main__":
    main()
