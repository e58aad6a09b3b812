"""Texts the start runs with exec() (dataclasses' methods) kept compiled between starts
(rejnistvo.ui.code_cache): the same classes and functions, compiled once."""

from __future__ import annotations

import builtins
import dataclasses
import marshal

from rejnistvo.ui.code_cache import CodeCache, texts_executed_from


def _make_class():
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: Undefined = 0  # noqa: F821 - a string under this module's __future__ import

    return Point


def test_a_dataclass_made_from_kept_code_behaves_as_one_made_plainly(tmp_path):
    path = tmp_path / "start.code"
    plain = _make_class()
    with texts_executed_from(CodeCache(path)) as first:
        made = _make_class()
    assert first.missed >= 4 and first.found == 0  # __init__, __repr__, __eq__, order …
    assert builtins.exec.__module__ == "builtins"  # the built-in is back
    with texts_executed_from(CodeCache(path)) as second:
        kept = _make_class()
    assert second.missed == 0 and second.found == first.missed  # nothing compiled again
    for cls in (made, kept):
        point = cls(1, 2)
        assert repr(point) == repr(plain(1, 2)).replace(plain.__qualname__, cls.__qualname__)
        assert point == cls(1, 2) and point < cls(1, 3) and hash(point) == hash(cls(1, 2))
        assert cls.__init__.__annotations__ == plain.__init__.__annotations__
        for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
            ours, theirs = getattr(cls, name).__code__, getattr(plain, name).__code__
            assert marshal.dumps(ours) == marshal.dumps(theirs), name
        try:
            point.x = 5  # type: ignore[misc]
        except dataclasses.FrozenInstanceError:
            pass
        else:
            raise AssertionError("frozen")


def test_other_execs_are_the_built_ins_and_nothing_is_written_unasked(tmp_path):
    path = tmp_path / "start.code"
    cache = CodeCache(path)
    local_value = 41  # noqa: F841 - read by the exec below
    seen: dict = {}
    with texts_executed_from(cache, save=False):
        exec("seen['value'] = local_value + 1")  # the caller's namespaces, as the built-in
        exec(compile("seen['code'] = True", "<x>", "exec"))  # a code object: as given
        scope: dict = {}
        exec("def f():\n    return 7\n", scope)
        exec("def f():\n    return 7\n", scope)  # the same text: compiled once
    assert seen == {"value": 42, "code": True} and scope["f"]() == 7
    assert (cache.missed, cache.found) == (1, 1)
    assert not path.exists()  # save=False: the caller writes it later (or never)
    try:
        with texts_executed_from(cache):
            exec("raise ValueError('x')", {})
    except ValueError:
        pass
    assert builtins.exec.__module__ == "builtins"  # back after an error too
    with texts_executed_from(cache):
        pass
    assert CodeCache(path).codes.keys() == cache.codes.keys()  # what it compiled so far


def test_the_window_start_keeps_its_texts_in_the_cache_folder(tmp_path, monkeypatch):
    # ui/app.py: the start's imports and the first screen through one cache, which main()
    # writes; an import alone (a test's) writes nothing
    import rejnistvo.ui.app as app

    assert isinstance(app.start_code, CodeCache)
    assert app.start_code.path.name.startswith("start.")
    assert builtins.exec.__module__ == "builtins"


def test_a_named_tuple_made_from_kept_code_and_evals_as_the_built_in(tmp_path):
    from collections import namedtuple

    path = tmp_path / "start.code"
    plain = namedtuple("Pair", "left right")
    with texts_executed_from(CodeCache(path)) as first:
        made = namedtuple("Pair", "left right")
        leading = eval("  1 + 1", {})  # the built-in drops the leading spaces too
        here = 5  # noqa: F841 - read by the eval below
        mine = eval("here * 2")  # the caller's namespaces
    assert first.missed == 2  # the tuple's __new__ and "1 + 1"
    with texts_executed_from(CodeCache(path)) as second:
        kept = namedtuple("Pair", "left right")
    assert (second.found, second.missed) == (1, 0)
    assert builtins.eval.__module__ == "builtins"
    assert (leading, mine) == (2, 10)
    for cls in (made, kept):
        assert cls(1, right=2) == plain(1, 2) and repr(cls(1, 2)) == "Pair(left=1, right=2)"
        assert marshal.dumps(cls.__new__.__code__) == marshal.dumps(plain.__new__.__code__)


def test_a_screens_module_is_imported_with_its_texts_kept(tmp_path, monkeypatch):
    # main_window.import_screen: a screen's first opening (or its preloading) compiles
    # its dataclasses once across starts; the file grows when a new text was compiled
    import sys

    from rejnistvo.ui import main_window

    monkeypatch.setenv("REJNISTVO_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "fake_screen_mod.py").write_text(
        "import dataclasses\n\n@dataclasses.dataclass\nclass Row:\n    a: int\n    b: str = ''\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for start in (1, 2):
        monkeypatch.setattr(main_window, "_screens_code", None)
        sys.modules.pop("fake_screen_mod", None)
        module = main_window.import_screen("fake_screen_mod")
        assert module.Row(1) == module.Row(1, "") and repr(module.Row(2)) == "Row(a=2, b='')"
        kept = main_window._screens_code
        assert kept is not None and kept.path.is_file()
        assert (kept.found, kept.missed) == ((0, 3) if start == 1 else (3, 0))
    assert builtins.exec.__module__ == "builtins"


def test_a_file_of_the_sha1_format_is_compiled_again_and_rewritten(tmp_path):
    """The kept code was keyed by SHA-1 before it was keyed by Python's source hash: such
    a file (its own magic) is not read, its texts are compiled and the file rewritten."""
    import hashlib
    import importlib.util

    path = tmp_path / "start.code"
    source = "x = 1\n"
    old_key = ("<string>", "exec", 0, 0, "str", hashlib.sha1(source.encode()).digest())
    payload = marshal.dumps({old_key: compile("x = 2\n", "<string>", "exec")})
    old_magic = b"REJNISTVO-CODE\n" + importlib.util.MAGIC_NUMBER
    path.write_bytes(old_magic + hashlib.sha1(payload).digest() + payload)
    cache = CodeCache(path)
    assert cache.codes == {}
    namespace: dict = {}
    exec(cache.compile(source, "<string>", "exec", 0, True), namespace)
    assert namespace["x"] == 1 and cache.missed == 1
    cache.save()
    again = CodeCache(path)
    assert again.compile(source, "<string>", "exec", 0, True) is not None and again.found == 1


def test_a_payload_changed_in_place_is_not_loaded(tmp_path):
    """The payload's hash guards the file: one byte changed (same length) and it is
    ignored, the text compiled as before."""
    path = tmp_path / "start.code"
    cache = CodeCache(path)
    cache.compile("name_one = 1\n", "<string>", "exec", 0, True)
    cache.save()
    data = bytearray(path.read_bytes())
    where = data.rindex(b"name_one")
    data[where] = ord("N")
    path.write_bytes(bytes(data))
    damaged = CodeCache(path)
    assert damaged.codes == {}
    namespace: dict = {}
    exec(damaged.compile("name_one = 1\n", "<string>", "exec", 0, True), namespace)
    assert namespace == {"__builtins__": namespace["__builtins__"], "name_one": 1}
