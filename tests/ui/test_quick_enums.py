"""PySide6's enum classes made by rejnistvo.ui.quick_enums are the classes Python's own
functional API makes: the same class dictionary in the same order, the same members,
aliases, maps and flag masks, the same behaviour (lookups, flags, pseudo-members)."""

from __future__ import annotations

import enum
import subprocess
import sys
import types

import pytest

from rejnistvo.ui import quick_enums

pytestmark = pytest.mark.skipif(
    not quick_enums.supported(), reason="the enum module of Python 3.11.7 only"
)


def _norm(value, owner):
    """A value of an enum class's dictionary, comparable across two classes."""
    if isinstance(value, enum.Enum) and type(value) is owner:
        return (
            "member",
            value._name_,
            value._value_,
            getattr(value, "_sort_order_", None),
            getattr(value, "__objclass__", None) is owner,
            sorted(vars(value)),
        )
    if isinstance(value, dict):
        return ("dict", [(_norm(k, owner), _norm(v, owner)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_norm(v, owner) for v in value])
    if isinstance(value, types.MethodType):
        return ("bound", value.__func__, value.__self__ is owner)
    if isinstance(value, enum.property):
        return ("property", _norm(getattr(value, "member", None), owner), value.fget, value.fset)
    if isinstance(value, types.FunctionType) and value.__qualname__.endswith(
        "_break_on_call_reduce"
    ):
        return ("unpicklable",)
    return value


def describe(cls) -> tuple:
    """Everything of an enum class two equal builds share."""
    return (
        type(cls),
        cls.__name__,
        cls.__qualname__,
        cls.__module__,
        cls.__mro__[1:],
        list(cls.__dict__),
        [(k, _norm(v, cls)) for k, v in cls.__dict__.items() if k != "__doc__"],
        cls.__doc__ == cls.__dict__.get("__doc__"),
    )


def _outcome(make):
    """What a call gives, or the error it raises."""
    try:
        found = make()
        return (repr(found), str(found), repr(~found), [repr(m) for m in found])
    except Exception as exc:  # noqa: BLE001 - an error is an outcome to compare
        return ("error", type(exc), str(exc))


def behaviour(cls) -> list:
    """What using the class gives (it makes pseudo-members of flags, as use would)."""
    out: list = [len(cls), [m._name_ for m in cls], list(cls.__members__)]
    members = list(cls.__members__.values())
    for member in members:
        out += [repr(member), str(member), format(member), hash(member)]
        out += [cls(member._value_)._name_, cls[member._name_] is member, member in cls]
    if issubclass(cls, enum.Flag):
        values = [m._value_ for m in members]
        every = 0
        for value in values:
            every |= value
        for value in [0, every, every + (1 << 40), *values]:
            out.append(_outcome(lambda value=value: cls(value)))
        for a, b in zip(members, members[1:], strict=False):
            out += [_outcome(lambda a=a, b=b: a | b), _outcome(lambda a=a, b=b: a & b)]
            out.append(_outcome(lambda a=a, b=b: a ^ b))
    return out


def same_class(stock, quick) -> None:
    assert describe(quick) == describe(stock)
    assert behaviour(quick) == behaviour(stock)
    assert describe(quick) == describe(stock)  # and the same after the pseudo-members


CASES = [
    (enum.Enum, [("A", 1), ("B", 2), ("C", 1)]),  # an alias
    (enum.IntEnum, [("Key_Escape", 0x1000000), ("Key_Tab", 0x1000001), ("Esc", 0x1000000)]),
    (enum.IntEnum, []),
    (enum.Flag, [("NoFlag", 0), ("A", 1), ("B", 2), ("AB", 3), ("D", 8)]),
    (enum.Flag, [("D", 8), ("A", 1), ("All", 15), ("B", 2)]),  # not in order of value
    (enum.IntFlag, [("NoItemFlags", 0), ("ItemIsSelectable", 1), ("ItemIsEnabled", 32)]),
    (enum.IntFlag, [("Big", 1 << 40), ("Small", 1), ("Neg", -1)]),
    (enum.Enum, [("name", 1), ("value", 2), ("other", 3)]),  # names of Enum's properties
    (enum.IntEnum, [("real", 1), ("numerator", 2), ("denominator", 3)]),  # int's names
    (enum.Flag, [("name", 1), ("value", 2)]),
    (enum.IntFlag, [("A", 1), ("B", 2), ("A_or_B", 3), ("C", 4)]),  # an alias of two bits
    (enum.Enum, [("Line\n_Break", 1), ("Other", 2)]),  # the standard code builds it
]


@pytest.mark.parametrize(("base", "members"), CASES)
def test_each_kind_of_enum_is_built_as_python_builds_it(base, members):
    kw = {"module": None, "qualname": None, "type": None, "start": 1}
    for boundary in (None, enum.FlagBoundary.KEEP):
        stock = quick_enums._STOCK(base, "Probe", list(members), boundary=boundary, **kw)
        quick = quick_enums._create_(base, "Probe", list(members), boundary=boundary, **kw)
        same_class(stock, quick)


def test_what_is_not_a_list_of_distinct_pairs_goes_to_python_unchanged():
    assert quick_enums.install()
    try:
        # the module of a class made by a call from Python is its caller's, as always
        made = enum.IntEnum("Made", [("A", 1)])
        assert made.__module__ == __name__ and made.A == 1
        assert enum.Enum("Named", "A B").B.value == 2  # names without values
        assert enum.Flag("Auto", [("A", enum.auto()), ("B", enum.auto())]).B.value == 2
        assert enum.Enum("Mapped", {"A": "x"}).A.value == "x"
        with pytest.raises(TypeError):  # a name twice is Python's error
            enum.Enum("Twice", [("A", 1), ("A", 2)])
        with pytest.raises(ValueError):  # so is a reserved name
            enum.Enum("Sunder", [("_x_", 1)])
        # pairs of another length, and a name after a line break before "_"
        with pytest.raises(ValueError):
            enum.Enum("Triples", [("A", 1, 2)])
        with pytest.raises(ValueError):
            enum.Enum("Uneven", [("A", 1), ("B",)])
        assert enum.Enum("Lines", [("A\n_b", 1)])["A\n_b"].value == 1

        class Colour(enum.Enum):  # a class statement is not the functional API
            RED = 1

        assert Colour(1) is Colour.RED
    finally:
        quick_enums.uninstall()
    assert enum.EnumType.__dict__["_create_"] is quick_enums._STOCK


def test_another_enum_module_than_the_copied_one_is_left_alone(monkeypatch):
    assert quick_enums._fingerprint() == quick_enums.COPIED_FROM  # 3.11.7's own code
    monkeypatch.setattr(quick_enums, "_supported", [])
    monkeypatch.setattr(quick_enums, "COPIED_FROM", "another release's code")
    before = enum.EnumType.__dict__["_create_"]
    assert not quick_enums.supported()
    assert not quick_enums.install()
    assert enum.EnumType.__dict__["_create_"] is before


# Every enum of QtCore, QtGui and QtWidgets (635 classes): each PySide6 call to the
# functional API made both ways in a fresh process and compared.
_EVERY_QT_ENUM = """
import enum, sys
sys.path.insert(0, sys.argv[1])
from tests.ui.test_quick_enums import same_class
from rejnistvo.ui import quick_enums
calls = []
def compare(cls, name, names, **kw):
    stock = quick_enums._STOCK(cls, name, names, **kw)
    kw["module"] = kw["module"] or "probe"  # the frame it is looked up in differs here
    same_class(quick_enums._STOCK(cls, name, list(names), **kw),
               quick_enums._create_(cls, name, list(names), **kw))
    calls.append((cls.__name__, len(names)))
    return stock
enum.EnumType._create_ = compare
from PySide6 import QtCore, QtGui, QtWidgets
for module in (QtCore, QtGui, QtWidgets):
    for name in dir(module):
        getattr(module, name)
print(len(calls), sum(n for _, n in calls), sorted({c for c, _ in calls}))
"""


def test_every_qt_enum_is_built_as_python_builds_it():
    import rejnistvo

    root = str(__import__("pathlib").Path(rejnistvo.__file__).parents[1])
    out = subprocess.run(
        [sys.executable, "-c", _EVERY_QT_ENUM, root],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    classes, members, bases = out.stdout.split(" ", 2)
    assert int(classes) > 600 and int(members) > 5000
    assert bases.strip() == "['Enum', 'Flag', 'IntEnum', 'IntFlag']"


_WINDOW_ENUMS = """
import sys
import rejnistvo.ui.app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle
import enum
print(enum.EnumType.__dict__["_create_"].__module__)
print(repr(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), Qt.Key(0x1000000).name)
print(QStyle.StateFlag.State_Selected in (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Enabled))
"""


def test_the_window_makes_pyside_enums_the_quick_way():
    out = subprocess.run(
        [sys.executable, "-c", _WINDOW_ENUMS],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.splitlines() == [
        "rejnistvo.ui.quick_enums",
        "<AlignmentFlag.AlignLeft|AlignVCenter: 129> Key_Escape",
        "True",
    ]
