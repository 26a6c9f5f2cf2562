"""The search index in parts: where the cuts fall, which parts an edit makes again, and that the
parts read as one index give the results one index of every record gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from site_builder.build import load_site
from site_builder.formatting import format_date
from site_builder.output.search_job import SearchJob, search_files
from site_builder.pages.search import SearchRecord, search_records
from site_builder.problems import Problems
from site_builder.render.search_index import PART_MAX, PART_MIN, encode_index, encode_list, encode_part, split_parts
from site_builder.rendered import KeptFile, RenderedFile
from site_builder.serve.incremental import IncrementalBuilder
from tests.conftest import site_with
from tests.unit.test_search_index import _node_search, index_data

TOPICS = ("kết nạp đảng viên", "xây dựng tổ chức cơ sở đảng", "kiểm tra giám sát", "dân vận khéo", "học tập")


def conference(number: int) -> str:
    topic = TOPICS[number % len(TOPICS)]
    return f"""\
        ---
        title: "Hội nghị chuyên đề số {number}"
        date: 2021-{1 + number // 28:02d}-{1 + number % 28:02d}
        kind: chuyen-de
        ---
        Hội nghị số {number} bàn về {topic}; chi bộ {number % 17} báo cáo {number * 7} việc đã làm.
        """


def many_conferences(count: int) -> dict[str, str]:
    return {
        f"content/years/2021/conferences/2021-{1 + n // 28:02d}-{1 + n % 28:02d}-hoi-nghi-{n}.md": conference(n)
        for n in range(count)
    }


def loaded(site):
    problems = Problems()
    found = load_site(site, problems)
    assert found is not None and not problems.errors, [p.format() for p in problems]
    return found


def test_parts_hold_between_min_and_max_records_and_an_insertion_moves_only_its_neighbours():
    addresses = [f"/nam/2021/hoi-nghi-{n}/" for n in range(3000)]
    parts = split_parts(addresses)
    assert [n for _, span in parts for n in span] == list(range(3000))  # every record once, in order
    assert all(PART_MIN <= len(span) <= PART_MAX for _, span in parts[:-1])
    assert len({part_id for part_id, _ in parts}) == len(parts)
    before = {(part_id, tuple(addresses[n] for n in span)) for part_id, span in parts}
    inserted = [*addresses[:1500], "/nam/2021/hoi-nghi-moi/", *addresses[1500:]]
    after = {(part_id, tuple(inserted[n] for n in span)) for part_id, span in split_parts(inserted)}
    assert len(after - before) <= 2 and len(before - after) <= 2


def written(files, folder: Path) -> dict[str, bytes]:
    """Write the files made into `folder` as an output holds them; every file's bytes now."""
    for _, file, _ in files:
        if isinstance(file, RenderedFile):
            (folder / file.out_path).parent.mkdir(parents=True, exist_ok=True)
            (folder / file.out_path).write_bytes(file.data)
    return {file.out_path: (folder / file.out_path).read_bytes() for _, file, _ in files}


def test_only_the_part_of_an_edited_conference_is_made_again_and_matches_a_whole_new_index(tmp_path):
    site, output = site_with(tmp_path / "site", many_conferences(300)), tmp_path / "output"
    first = search_files(loaded(site), {}, Problems(), output)
    assert len(first) >= 4 and all(isinstance(file, RenderedFile) for _, file, _ in first)
    written(first, output)
    made = {name: state for name, _, state in first}
    path = site / "content/years/2021/conferences/2021-06-01-hoi-nghi-140.md"
    path.write_text(path.read_text(encoding="utf-8").replace("bàn về", "bàn kỹ về"), encoding="utf-8")
    now = loaded(site)
    second = search_files(now, made, Problems(), output)
    remade = [(name, file) for name, file, _ in second if isinstance(file, RenderedFile)]
    assert [name for name, _ in remade][0] == "search" and len(remade) == 2  # the list and one part
    assert "kỹ".encode() in remade[0][1].data  # the new word, in the list's words
    whole = encode_index(search_records(now.model, now.bodies), format_date)
    assert written(second, output) == {k: v.encode() for k, v in whole.items()}


def test_a_part_whose_words_the_previous_list_lacks_is_made_again(tmp_path):
    site, output = site_with(tmp_path / "site", many_conferences(150)), tmp_path / "output"
    first = search_files(loaded(site), {}, Problems(), output)
    before = written(first, output)
    made = {name: state for name, _, state in first}
    assert all(isinstance(file, KeptFile) for _, file, _ in search_files(loaded(site), made, Problems(), output))
    (output / "tim-kiem/chi-muc.js").write_text("// not a list", encoding="utf-8")  # (a build would not trust it)
    again = search_files(loaded(site), made, Problems(), output)
    assert all(isinstance(file, RenderedFile) for name, file, _ in again if name != "search")
    parts = {path: data for path, data in written(again, output).items() if path != "tim-kiem/chi-muc.js"}
    assert parts == {path: data for path, data in before.items() if path != "tim-kiem/chi-muc.js"}


def test_a_glossary_change_makes_every_part_again(tmp_path):
    site, output = site_with(tmp_path / "site", many_conferences(150)), tmp_path / "output"
    first = search_files(loaded(site), {}, Problems(), output)
    written(first, output)
    made = {name: state for name, _, state in first}
    (site / "content/glossary.yaml").write_text("HN: hội nghị\n", encoding="utf-8")
    again = search_files(loaded(site), made, Problems(), output)
    assert all(isinstance(file, RenderedFile) for name, file, _ in again if name != "search")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the theme's search.js")
def test_parts_read_as_one_index_give_the_results_of_one_part(tmp_path):
    day = dt.date(2022, 3, 1)
    records = tuple(
        SearchRecord("conference", "so-ket", f"/nam/2022/hoi-nghi-{n}/", f"Hội nghị {n} về {TOPICS[n % 5]}",
                     f"Chi bộ {n % 13} kết nạp {n} đảng viên; {TOPICS[(n * 3) % 5]}.", day, "")
        for n in range(600)
    )  # fmt: skip
    parts = tmp_path / "parts"
    parts.mkdir()
    scripts = encode_index(records, format_date)
    assert len(scripts) > 4
    for out_path, script in scripts.items():
        (parts / out_path.split("/")[-1]).write_text(script, encoding="utf-8")
    one = tmp_path / "one"
    one.mkdir()
    script, vocabulary = encode_part("a", records, format_date)  # one part: one vocabulary, as before
    (one / "chi-muc.js").write_text(encode_list([("a", vocabulary)]), encoding="utf-8")
    (one / "chi-muc-a.js").write_text(script, encoding="utf-8")
    for query in ("kết nạp đảng viên", "ket nap", "Hội nghị 12", "dân vận khéo", "xyz"):
        assert _node_search(parts, query) == _node_search(one, query), query


def test_parts_made_in_a_forked_child_are_the_bytes_made_here(tmp_path):
    site = site_with(tmp_path, many_conferences(150))
    here = SearchJob(loaded(site), {}).collect_all(Problems())
    job = SearchJob(loaded(site), {}, background=True)
    assert job.child is not None
    there = job.collect_all(Problems())
    assert [(name, file) for name, file, _ in there] == [(name, file) for name, file, _ in here]


def test_the_preview_writes_the_listed_parts_and_removes_parts_no_longer_listed(tmp_path):
    site = site_with(tmp_path / "site", many_conferences(200))
    preview = IncrementalBuilder(site, tmp_path / "preview", pdf=False)
    assert preview.build().ok
    preview.ensure_search_index()
    folder = tmp_path / "preview" / "tim-kiem"
    listed = [Path(link).name for link in _links(folder)]
    assert sorted(p.name for p in folder.glob("chi-muc-*.js")) == sorted(listed) and len(listed) > 2
    for path in sorted((site / "content/years/2021/conferences").glob("*.md"))[::2]:
        path.unlink()  # half the conferences go: the cuts move
    assert preview.build().ok
    preview.ensure_search_index()
    now = [Path(link).name for link in _links(folder)]
    assert set(now) != set(listed)
    assert sorted(p.name for p in folder.glob("chi-muc-*.js")) == sorted(now)


def _links(folder):
    return [part[1] for part in index_data((folder / "chi-muc.js").read_text(encoding="utf-8"))["parts"]]


def test_parts_made_by_tasks_are_the_bytes_made_here_and_a_task_not_done_is_made_here(tmp_path):
    """The parts a render hands its page workers as tasks (`tasks`) give the files made here; a
    part whose task handed nothing back (it failed, or no worker took it) is made when collected."""
    site = site_with(tmp_path, many_conferences(250))
    here = SearchJob(loaded(site), {}).collect_all(Problems())
    job = SearchJob(loaded(site), {})
    tasks = job.tasks()
    assert len(tasks) == len(job.todo) > 2
    for task in tasks[1:]:  # the first one's result never comes back
        task.done(task.run())
    assert set(job.given) == {part.name for part in job.todo[1:]}
    there = job.collect_all(Problems())
    assert [(name, file) for name, file, _ in there] == [(name, file) for name, file, _ in here]
    assert SearchJob(loaded(site), {}, background=True).tasks() == []  # its child makes them all


def test_a_list_that_is_not_ours_gives_no_vocabularies():
    from site_builder.pages.search import INDEX_GLOBAL
    from site_builder.render.search_index import FORMAT_VERSION, HEADER, read_list

    for body in ('{"version": %d, "words": 5, "parts": []}', '{"version": %d, "words": "a", "parts": [1]}'):
        script = f"{HEADER}window.{INDEX_GLOBAL}={body % FORMAT_VERSION};\n"
        assert read_list(script) == {}
