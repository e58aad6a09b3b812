"""The screens of the main window. Each module defines `VIEW_CLASS`, a subclass of
`rejnistvo.ui.views.base.View`; the main window loads them by module name."""
