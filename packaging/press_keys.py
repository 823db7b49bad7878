"""Press keys in the window of a running program on an X server, as a steward at the keyboard
would: packaging/smoke-test.sh uses it to open the window's tabs in the bundle (the Evening tab
builds the pyqtgraph chart, which nothing else in the smoke test loads).

    DISPLAY=:90 python packaging/press_keys.py PID Ctrl+4 [Ctrl+5 ...]

The window is the top-level one whose _NET_WM_PID is PID; once it is shown (mapped) it is
given the input focus (there is no window manager on a test server to do it), then each key
combination is pressed and released through the XTEST extension, a second apart. Exits 1 when
no such window is shown within 30 seconds. Linux (X11) only, like the smoke test.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time

XA_CARDINAL = 6
REVERT_TO_PARENT = 2
CURRENT_TIME = 0

x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XQueryTree.argtypes = (
    [ctypes.c_void_p, ctypes.c_ulong]
    + [ctypes.c_void_p] * 2
    + [
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
        ctypes.POINTER(ctypes.c_uint),
    ]
)
x.XGetWindowProperty.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.c_ulong,
    ctypes.c_long,
    ctypes.c_long,
    ctypes.c_int,
    ctypes.c_ulong,
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_int),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_void_p),
]
x.XFree.argtypes = [ctypes.c_void_p]
x.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
x.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x.XStringToKeysym.restype = ctypes.c_ulong
x.XStringToKeysym.argtypes = [ctypes.c_char_p]
x.XKeysymToKeycode.restype = ctypes.c_ubyte
x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]

KEY_NAMES = {"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L"}
IS_VIEWABLE = 2


class WindowAttributes(ctypes.Structure):
    _fields_ = [
        *((name, ctypes.c_int) for name in ("x", "y", "width", "height", "border", "depth")),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        *((name, ctypes.c_int) for name in ("c_class", "bit_gravity", "win_gravity", "store")),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        *((name, ctypes.c_long) for name in ("all_masks", "your_mask", "no_propagate_mask")),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


x.XGetWindowAttributes.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.POINTER(WindowAttributes),
]


def viewable(display: int, window: int) -> bool:
    attributes = WindowAttributes()
    found = x.XGetWindowAttributes(display, window, ctypes.byref(attributes))
    return bool(found) and attributes.map_state == IS_VIEWABLE


def window_of(display: int, pid: int) -> int | None:
    """The top-level window of process `pid` (its _NET_WM_PID), or None."""
    atom = x.XInternAtom(display, b"_NET_WM_PID", 1)
    if not atom:
        return None
    root_return, parent_return = ctypes.c_ulong(), ctypes.c_ulong()
    children = ctypes.POINTER(ctypes.c_ulong)()
    count = ctypes.c_uint()
    x.XQueryTree(
        display,
        x.XDefaultRootWindow(display),
        ctypes.byref(root_return),
        ctypes.byref(parent_return),
        ctypes.byref(children),
        ctypes.byref(count),
    )
    found = None
    for i in range(count.value):
        window = children[i]
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        items, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = x.XGetWindowProperty(
            display,
            window,
            atom,
            0,
            1,
            0,
            XA_CARDINAL,
            ctypes.byref(kind),
            ctypes.byref(fmt),
            ctypes.byref(items),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status == 0 and data.value:
            if items.value == 1 and ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] == pid:
                found = window
            x.XFree(data)
    if children:
        x.XFree(children)
    return found


def keycode(display: int, name: str) -> int:
    code = x.XKeysymToKeycode(
        display, x.XStringToKeysym(KEY_NAMES.get(name.lower(), name).encode())
    )
    if not code:
        raise SystemExit(f"press_keys: no key called {name!r} on this keyboard")
    return int(code)


def press(display: int, combination: str) -> None:
    """Press "Ctrl+4": the modifiers down, the key down and up, the modifiers up."""
    codes = [keycode(display, name) for name in combination.split("+")]
    for code in codes:
        xtst.XTestFakeKeyEvent(display, code, 1, CURRENT_TIME)
    for code in reversed(codes):
        xtst.XTestFakeKeyEvent(display, code, 0, CURRENT_TIME)
    x.XSync(display, 0)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    pid, keys = int(argv[0]), argv[1:]
    display = x.XOpenDisplay(None)
    if not display:
        raise SystemExit("press_keys: cannot open the X display (is DISPLAY set?)")
    deadline = time.monotonic() + 30
    window = window_of(display, pid)
    while (window is None or not viewable(display, window)) and time.monotonic() < deadline:
        time.sleep(0.5)
        window = window_of(display, pid)
    if window is None or not viewable(display, window):
        print(f"press_keys: process {pid} showed no window", file=sys.stderr)
        return 1
    x.XRaiseWindow(display, window)
    x.XSetInputFocus(display, window, REVERT_TO_PARENT, CURRENT_TIME)
    x.XSync(display, 0)
    for combination in keys:
        time.sleep(1)  # the focus taken, and the previous key's work begun
        press(display, combination)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
