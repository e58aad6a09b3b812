"""PySide6's enum classes made without the standard library's slow path (issue 13).

PySide6 makes each Qt enum a Python ``enum`` class the first time its owner is touched
(``Qt`` on first use: ~110 enums; ``QStyle``: 15 …), through the functional API
(``IntEnum("Key", [("Key_Escape", 0x1000000), …])``). Python 3.11 builds such a class
member by member through ``_EnumDict.__setitem__`` and ``_proto_member.__set_name__``:
~20-30 µs a member on this kind of machine, and the start up to the first screen's rows
makes ~240 enum classes with ~4,000 members, ~110-150 ms of processor time (a bare
window makes 43 of them). Most of that is generic work (descriptor and alias searches
over the class's bases, ``EnumType.__setattr__``'s member check) that a list of distinct
``(name, int)`` pairs never needs.

:func:`install` puts :func:`_create_` in place of ``EnumType._create_``: for exactly the
calls PySide6 makes — one of ``Enum``/``IntEnum``/``Flag``/``IntFlag`` itself, a list of
``(str, int)`` pairs with distinct names not starting with ``_`` — it builds the class
the way Python 3.11.7's ``_create_`` and ``EnumType.__new__`` do, step for step (the same
class dictionary in the same order, the same members, aliases, maps and flag masks), with
each member's part of ``_proto_member.__set_name__`` done in one loop (with what the
standard code does for every member although the four bases make it a no-op — a check for
an own ``_value_``, Enum's empty ``__init__``, a Flag's masks set again — left out, and
what it finds out from the base worked out once per base); any other call
(another base, ``auto``, a string of names, a mapping …) goes to the standard code. Only
where the standard functions it copies are byte for byte those of Python 3.11.7
(``COPIED_FROM``, a hash of their code): with any other enum module nothing is changed.
``tests/ui/test_quick_enums.py`` builds every enum of QtCore, QtGui and QtWidgets both ways
and compares the classes, their dictionaries and their members' behaviour.
"""

from __future__ import annotations

import enum
import importlib.util
import sys
import types
from types import DynamicClassAttribute
from typing import Any

#: the standard library's functional API (EnumType._create_), kept for what is not ours
_STOCK = enum.EnumType.__dict__["_create_"]
_BASES = frozenset({enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag})
#: members' ``__init__`` (it does nothing: covered by ``COPIED_FROM``)
_ENUM_INIT = enum.Enum.__init__
_is_single_bit = enum._is_single_bit  # type: ignore[attr-defined]
_make_class_unpicklable = enum._make_class_unpicklable  # type: ignore[attr-defined]


#: source hash (``importlib.util.source_hash``, as ``code_cache``: no OpenSSL at the start)
#: of the code of the standard functions the quick path copies or stands in for, as in
#: Python 3.11.7 (their bytecode, names and constants; see ``_fingerprint``)
COPIED_FROM = "6375e49acfd25e8c"


def _fingerprint() -> str:
    """The code of this Python's functions the quick path copies: another enum module
    (another 3.11 release that changed them, another Python) is left alone."""

    def add(code: types.CodeType) -> None:
        parts.append(code.co_code)
        parts.append(repr(code.co_names).encode())
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                add(const)
            else:
                parts.append(repr(const).encode())

    parts: list[bytes] = []
    meta: Any = enum.EnumType
    for function in (
        _STOCK,
        meta.__new__,
        meta.__prepare__,
        enum._proto_member.__set_name__,  # type: ignore[attr-defined]
        enum._EnumDict.__setitem__,
        meta._get_mixins_,
        meta._find_new_,
        meta._find_data_repr_,
        meta._find_data_type_,
        meta.__setattr__,
        meta.__delattr__,
        enum.Enum.__init__,
    ):
        add(function.__code__)
    return importlib.util.source_hash(b"".join(parts)).hex()


_supported: list[bool] = []


def supported() -> bool:
    """Whether this Python's enum module is the one the quick path copies (3.11.7's)."""
    if not _supported:
        try:
            same = sys.version_info[:2] == (3, 11) and _fingerprint() == COPIED_FROM
        except AttributeError:
            same = False
        _supported.append(same)
    return _supported[0]


def install() -> bool:
    """Use the quick path for PySide6's enums from now on (True when it is in place)."""
    if not supported():
        return False
    if enum.EnumType.__dict__["_create_"] is not _create_:
        setattr(enum.EnumType, "_create_", _create_)  # noqa: B010 - not a declared name
    return True


def uninstall() -> None:
    """Back to the standard library's functional API (tests)."""
    if enum.EnumType.__dict__["_create_"] is _create_:
        setattr(enum.EnumType, "_create_", _STOCK)  # noqa: B010 - not a declared name


class _Base:
    """What the standard code works out from the base class alone, on every call: its
    mixins, ``_generate_next_value_``, the member ``__new__``, the value repr and the
    names its classes define (the base classes are the standard library's own)."""

    def __init__(self, metacls: Any, base: Any) -> None:
        bases = (base,)
        self.member_type, self.first_enum = metacls._get_mixins_(base.__name__, bases)
        self.next_value = getattr(self.first_enum, "_generate_next_value_", None)
        self.new, self.save_new, self.use_args = metacls._find_new_(
            {}, self.member_type, self.first_enum
        )
        self.value_repr = metacls._find_data_repr_(base.__name__, bases)
        self.is_flag = issubclass(base, enum.Flag)
        #: a member made by ``object.__new__`` or ``int.__new__`` has no ``_value_`` of
        #: its own before the standard code sets it, and Enum's ``__init__`` does
        #: nothing: true of the four bases (otherwise the standard code builds the class)
        self.plain = self.new in (object.__new__, int.__new__) and base.__init__ is _ENUM_INIT
        #: the methods EnumType.__new__ sets on each new class of this base, in order
        self.methods: list[tuple[str, Any]] = []
        for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
            found_method = getattr(base, name)
            if found_method in (getattr(self.member_type, name), getattr(object, name)):
                self.methods.append((name, getattr(self.first_enum, name)))
        if self.is_flag:
            for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__"):
                self.methods.append((name, getattr(enum.Flag, name)))
            self.methods.append(("__invert__", enum.Flag.__invert__))
        #: a member named as something of the bases (``name``, ``value`` …) needs the
        #: standard search for a descriptor to redirect through
        self.names = frozenset(name for klass in base.__mro__ for name in klass.__dict__)


_BASE_FACTS: dict[Any, _Base] = {}
#: the members' names and values, in order
_Pairs = tuple[tuple[str, ...], tuple[int, ...]]


def _plain_members(cls: Any, names: Any, type_: Any) -> _Pairs | None:
    """(names, values) when the call is one the quick path builds exactly as the standard
    one: a list of ``(str, int)`` pairs, distinct names not starting with ``_``."""
    if type_ is not None or cls not in _BASES or type(names) is not list:
        return None
    if not names:
        return (), ()
    if set(map(type, names)) != {tuple}:
        return None
    try:  # pairs: zip finds tuples of unequal length, unpacking a length other than 2
        keys, values = zip(*names, strict=True)
    except ValueError:
        return None
    if set(map(type, keys)) != {str} or set(map(type, values)) != {int}:
        return None
    distinct = set(keys)
    if len(distinct) != len(keys) or "" in distinct or "mro" in distinct:
        return None
    # a name starting with "_" (one that has a line break before "_" is sent to the
    # standard code as well, which is only slower)
    if "\n_" in "\n" + "\n".join(keys):
        return None
    return keys, values


def _create_(
    cls: Any,
    class_name: str,
    names: Any,
    *,
    module: str | None = None,
    qualname: str | None = None,
    type: Any = None,  # noqa: A002 - the standard signature
    start: int = 1,
    boundary: Any = None,
) -> Any:
    """``EnumType._create_`` (the functional API), quick for PySide6's calls."""
    if module is None:
        # the standard code looks two frames up for the caller's module (it is called
        # by EnumType.__call__, as this is): the same frame here
        try:
            module = sys._getframe(2).f_globals["__name__"]
        except (AttributeError, ValueError, KeyError):
            pass
    plain = _plain_members(cls, names, type)
    facts = None
    if plain is not None:
        facts = _BASE_FACTS.get(cls)
        if facts is None:
            facts = _BASE_FACTS[cls] = _Base(cls.__class__, cls)
    if facts is None or not facts.plain:
        # (a module not found above stays None: the standard code then names the
        # module of its own caller, EnumType.__call__; never met outside of a test)
        return _STOCK(
            cls,
            class_name,
            names,
            module=module,
            qualname=qualname,
            type=type,
            start=start,
            boundary=boundary,
        )
    metacls = cls.__class__
    # The class dictionary as _create_ and EnumType.__new__ leave it for type.__new__,
    # without the members (see _new): __prepare__'s _generate_next_value_, the module
    # (or the unpicklable marks), the qualified name, then the house-keeping names.
    classdict: dict[str, Any] = {"_generate_next_value_": facts.next_value}
    if module is None:
        _make_class_unpicklable(classdict)
    else:
        classdict["__module__"] = module
    if qualname is not None:
        classdict["__qualname__"] = qualname
    return _new(metacls, class_name, (cls,), classdict, plain, facts, boundary)


def _new(
    metacls: Any,
    cls: str,
    bases: tuple[Any, ...],
    classdict: dict[str, Any],
    members: _Pairs,
    facts: _Base,
    boundary: Any,
) -> Any:
    """``EnumType.__new__`` of Python 3.11 for plain members (see ``_create_``): the
    members are set right after ``type.__new__``, where its ``__set_name__`` calls set
    them (they come after every other name of the class dictionary either way)."""
    Enum = enum.Enum  # noqa: N806 - its name
    member_type, first_enum = facts.member_type, facts.first_enum
    classdict["_new_member_"] = facts.new
    classdict["_use_args_"] = facts.use_args
    classdict["_member_names_"] = []
    classdict["_member_map_"] = {}
    classdict["_value2member_map_"] = {}
    classdict["_unhashable_values_"] = []
    classdict["_member_type_"] = member_type
    classdict["_value_repr_"] = facts.value_repr
    if facts.is_flag:
        classdict["_boundary_"] = boundary or getattr(first_enum, "_boundary_", None)
        classdict["_flag_mask_"] = 0
        classdict["_singles_mask_"] = 0
        classdict["_all_bits_"] = 0
        classdict["_inverted_"] = None
    # (the standard code adds these five to every class and deletes them again from one
    # that is not a Flag: left out, the class dictionary ends the same, in the same order)
    enum_class = type.__new__(metacls, cls, bases, classdict)
    _set_members(enum_class, members[0], members[1], facts)
    #
    # from here on as EnumType.__new__ (Python 3.11.7). The class's own dictionary has
    # none of the methods it looks up (the names above and members, none with "_"), so
    # what it finds on the class is the base's: worked out once per base (_Base.methods).
    # EnumType.__setattr__ only refuses a member's name: type's own is called.
    set_attribute = type.__setattr__
    for name, method in facts.methods:
        set_attribute(enum_class, name, method)
    if facts.save_new:
        set_attribute(enum_class, "__new_member__", facts.new)
    set_attribute(enum_class, "__new__", Enum.__new__)
    if facts.is_flag:
        member_list = [m._value_ for m in enum_class]
        if member_list != sorted(member_list):
            enum_class._iter_member_ = enum_class._iter_member_by_def_
    return enum_class


def _set_members(
    enum_class: Any, keys: tuple[str, ...], values: tuple[int, ...], facts: _Base
) -> None:
    """What ``_proto_member.__set_name__`` does for each ``(name, int)`` member, in
    order: the member, its alias check, its place in the class and its maps."""
    new_member = facts.new
    use_args = facts.use_args
    member_type = facts.member_type
    is_flag = facts.is_flag
    base_names = facts.names
    names_list = enum_class._member_names_
    member_map = enum_class._member_map_
    value_map = enum_class._value2member_map_
    set_attribute = type.__setattr__
    flag_mask = singles_mask = 0
    for member_name, given in zip(keys, values, strict=True):
        # (the standard code's test for a _value_ the new member has already, and its
        # call of the members' __init__, are left out: see _Base.plain)
        enum_member = new_member(enum_class, given) if use_args else new_member(enum_class)
        value = given if member_type is object else member_type(given)
        enum_member.__dict__ = {
            "_value_": value,
            "_name_": member_name,
            "__objclass__": enum_class,
            "_sort_order_": len(names_list),
        }
        if is_flag:
            flag_mask |= value
            if _is_single_bit(value):
                singles_mask |= value
        canonical = value_map.get(value)
        if canonical is not None:
            enum_member = canonical  # an alias of the member with that value
        else:
            value_map[value] = enum_member
            if not is_flag or _is_single_bit(value):
                names_list.append(member_name)
        if member_name in base_names:
            _redirect(enum_class, member_name, enum_member)
        else:
            set_attribute(enum_class, member_name, enum_member)
        member_map[member_name] = enum_member
    if is_flag:
        # the standard code sets these after every member; nothing reads them between
        set_attribute(enum_class, "_flag_mask_", flag_mask)
        set_attribute(enum_class, "_singles_mask_", singles_mask)
        set_attribute(enum_class, "_all_bits_", 2 ** (flag_mask.bit_length()) - 1)


def _redirect(enum_class: Any, member_name: str, enum_member: Any) -> None:
    """A member named as something of the bases (``name``, ``value`` …): the standard
    search for a descriptor to redirect through (``_proto_member.__set_name__``)."""
    found_descriptor = None
    for base in enum_class.__mro__[1:]:
        descriptor = base.__dict__.get(member_name)
        if descriptor is not None:
            if isinstance(descriptor, (enum.property, DynamicClassAttribute)):
                found_descriptor = descriptor
                break
            if (
                hasattr(descriptor, "fget")
                and hasattr(descriptor, "fset")
                and hasattr(descriptor, "fdel")
            ):
                found_descriptor = descriptor
                continue
    if found_descriptor:
        redirect = enum.property()
        redirect.member = enum_member
        redirect.__set_name__(enum_class, member_name)
        redirect.fget = found_descriptor.fget
        redirect.fset = found_descriptor.fset
        redirect.fdel = found_descriptor.fdel
        type.__setattr__(enum_class, member_name, redirect)
    else:
        type.__setattr__(enum_class, member_name, enum_member)
