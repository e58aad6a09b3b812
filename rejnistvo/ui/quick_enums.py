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
each member's part of ``_proto_member.__set_name__`` done in one loop; any other call
(another base, ``auto``, a string of names, a mapping …) goes to the standard code. Only
on Python 3.11 (the code copies its ``enum`` module); elsewhere nothing is changed.
``tests/ui/test_quick_enums.py`` builds every enum of QtCore, QtGui and QtWidgets both ways
and compares the classes, their dictionaries and their members' behaviour.
"""

from __future__ import annotations

import enum
import sys
from types import DynamicClassAttribute
from typing import Any

#: the standard library's functional API (EnumType._create_), kept for what is not ours
_STOCK = enum.EnumType.__dict__["_create_"]
_BASES = frozenset({enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag})
_is_single_bit = enum._is_single_bit  # type: ignore[attr-defined]
_make_class_unpicklable = enum._make_class_unpicklable  # type: ignore[attr-defined]


def supported() -> bool:
    """Whether this Python's enum module is the one the quick path copies."""
    return sys.version_info[:2] == (3, 11) and hasattr(enum, "_proto_member")


def install() -> bool:
    """Use the quick path for PySide6's enums from now on (True when it is in place)."""
    if not supported():
        return False
    if enum.EnumType.__dict__["_create_"] is not _create_:
        enum.EnumType._create_ = _create_  # type: ignore[assignment]
    return True


def uninstall() -> None:
    """Back to the standard library's functional API (tests)."""
    if enum.EnumType.__dict__["_create_"] is _create_:
        enum.EnumType._create_ = _STOCK  # type: ignore[method-assign]


def _plain_members(cls: Any, names: Any, type_: Any) -> bool:
    """Whether the call is one the quick path builds exactly as the standard one."""
    if type_ is not None or cls not in _BASES or not isinstance(names, list):
        return False
    seen = set()
    for item in names:
        if type(item) is not tuple or len(item) != 2:
            return False
        name, value = item
        if type(name) is not str or type(value) is not int:
            return False
        if not name or name.startswith("_") or name == "mro" or name in seen:
            return False
        seen.add(name)
    return True


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
    if not _plain_members(cls, names, type):
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
    bases = (cls,)
    cls._get_mixins_(class_name, bases)  # its checks, as the standard code
    classdict = metacls.__prepare__(class_name, bases)
    # classdict[name] = value for each member, as _EnumDict.__setitem__ does it for a
    # new plain name with an int value
    member_names = classdict._member_names
    last_values = classdict._last_values
    for name, value in names:
        member_names[name] = None
        last_values.append(value)
        dict.__setitem__(classdict, name, value)
    if module is None:
        _make_class_unpicklable(classdict)
    else:
        classdict["__module__"] = module
    if qualname is not None:
        classdict["__qualname__"] = qualname
    return _new(metacls, class_name, bases, classdict, names, boundary)


def _new(metacls: Any, cls: str, bases: tuple, enum_dict: Any, members: list, boundary: Any) -> Any:
    """``EnumType.__new__`` of Python 3.11 for plain members (see ``_create_``): the
    members are set right after ``type.__new__``, where its ``__set_name__`` calls set
    them (they come after every other name of the class dictionary either way)."""
    Enum, Flag, ReprEnum = enum.Enum, enum.Flag, enum.ReprEnum  # noqa: N806 - its names
    enum_dict.setdefault("_ignore_", []).append("_ignore_")
    for key in enum_dict["_ignore_"]:
        enum_dict.pop(key, None)
    member_names = enum_dict._member_names
    enum_dict.pop("_order_", None)  # never set by the functional API
    classdict = {k: v for k, v in enum_dict.items() if k not in member_names}
    member_type, first_enum = metacls._get_mixins_(cls, bases)
    __new__, save_new, use_args = metacls._find_new_(classdict, member_type, first_enum)
    classdict["_new_member_"] = __new__
    classdict["_use_args_"] = use_args
    classdict["_member_names_"] = []
    classdict["_member_map_"] = {}
    classdict["_value2member_map_"] = {}
    classdict["_unhashable_values_"] = []
    classdict["_member_type_"] = member_type
    classdict["_value_repr_"] = metacls._find_data_repr_(cls, bases)
    classdict["_boundary_"] = boundary or getattr(first_enum, "_boundary_", None)
    classdict["_flag_mask_"] = 0
    classdict["_singles_mask_"] = 0
    classdict["_all_bits_"] = 0
    classdict["_inverted_"] = None
    enum_class = type.__new__(metacls, cls, bases, classdict)
    _set_members(enum_class, members, use_args, member_type, issubclass(enum_class, Flag))
    #
    # from here on as EnumType.__new__ (Python 3.11.7)
    classdict.update(enum_class.__dict__)
    if ReprEnum is not None and ReprEnum in bases:
        if "__format__" not in classdict:
            enum_class.__format__ = member_type.__format__
            classdict["__format__"] = enum_class.__format__
        if "__str__" not in classdict:
            method = member_type.__str__
            if method is object.__str__:
                method = member_type.__repr__
            enum_class.__str__ = method
            classdict["__str__"] = enum_class.__str__
    for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
        if name not in classdict:
            enum_method = getattr(first_enum, name)
            found_method = getattr(enum_class, name)
            object_method = getattr(object, name)
            data_type_method = getattr(member_type, name)
            if found_method in (data_type_method, object_method):
                setattr(enum_class, name, enum_method)
    if issubclass(enum_class, Flag):
        for name in (
            "__or__",
            "__and__",
            "__xor__",
            "__ror__",
            "__rand__",
            "__rxor__",
            "__invert__",
        ):
            if name not in classdict:
                enum_method = getattr(Flag, name)
                setattr(enum_class, name, enum_method)
                classdict[name] = enum_method
    if save_new:
        enum_class.__new_member__ = __new__
    enum_class.__new__ = Enum.__new__
    if not issubclass(enum_class, Flag):
        delattr(enum_class, "_boundary_")
        delattr(enum_class, "_flag_mask_")
        delattr(enum_class, "_singles_mask_")
        delattr(enum_class, "_all_bits_")
        delattr(enum_class, "_inverted_")
    else:
        member_list = [m._value_ for m in enum_class]
        if member_list != sorted(member_list):
            enum_class._iter_member_ = enum_class._iter_member_by_def_
    return enum_class


def _base_names(enum_class: Any) -> set[str]:
    """The names the classes of ``enum_class``'s bases define: a member named so needs
    the standard search for a descriptor to redirect through (``name``, ``value`` …)."""
    return {name for klass in enum_class.__mro__[1:] for name in klass.__dict__}


def _set_members(
    enum_class: Any, members: list, use_args: bool, member_type: type, is_flag: bool
) -> None:
    """What ``_proto_member.__set_name__`` does for each ``(name, int)`` member, in
    order: the member, its alias check, its place in the class and its maps."""
    new_member = enum_class._new_member_
    names_list = enum_class._member_names_
    member_map = enum_class._member_map_
    value_map = enum_class._value2member_map_
    base_names = _base_names(enum_class)
    set_attribute = type.__setattr__
    flag_mask = singles_mask = 0
    for member_name, given in members:
        enum_member = new_member(enum_class, given) if use_args else new_member(enum_class)
        if not hasattr(enum_member, "_value_"):
            if member_type is object:
                enum_member._value_ = given
            else:
                enum_member._value_ = member_type(given)
        value = enum_member._value_
        enum_member._name_ = member_name
        enum_member.__objclass__ = enum_class
        enum_member.__init__(given)
        enum_member._sort_order_ = len(names_list)
        if is_flag:
            flag_mask |= value
            if _is_single_bit(value):
                singles_mask |= value
            set_attribute(enum_class, "_flag_mask_", flag_mask)
            set_attribute(enum_class, "_singles_mask_", singles_mask)
            set_attribute(enum_class, "_all_bits_", 2 ** (flag_mask.bit_length()) - 1)
        canonical = value_map.get(value)
        if canonical is not None:
            enum_member = canonical  # an alias of the member with that value
        elif not is_flag or _is_single_bit(value):
            names_list.append(member_name)
        if member_name in base_names:
            _redirect(enum_class, member_name, enum_member)
        else:
            set_attribute(enum_class, member_name, enum_member)
        member_map[member_name] = enum_member
        value_map.setdefault(value, enum_member)


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
        redirect.member = enum_member  # type: ignore[attr-defined]
        redirect.__set_name__(enum_class, member_name)
        redirect.fget = found_descriptor.fget
        redirect.fset = found_descriptor.fset
        redirect.fdel = found_descriptor.fdel
        type.__setattr__(enum_class, member_name, redirect)
    else:
        type.__setattr__(enum_class, member_name, enum_member)
