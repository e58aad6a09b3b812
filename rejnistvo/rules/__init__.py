"""Pure payment rules of SPEC.md section 3: rates, months, uplift, refund, dates, EMŠO.

No Qt and no SQL below this package: the window, the store, the forms and the headless
interface all call these functions and get values back or a typed `RuleError`.
Import what you need from the submodules (`rejnistvo.rules.months`, …).
"""
