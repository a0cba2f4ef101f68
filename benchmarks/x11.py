"""What the peer benchmark sees of an X server, through libX11 itself (ctypes, nothing to install): windows
created and mapped on the root, every repaint on screen (the DAMAGE extension, as VNC servers watch a
screen), pixels of a region, and keys typed through XTEST as a keyboard would."""

from __future__ import annotations

import ctypes
import ctypes.util
import select
import struct
import time
from dataclasses import dataclass

# Event types and masks of X.h, and the DAMAGE extension's report level.
CREATE_NOTIFY, DESTROY_NOTIFY, UNMAP_NOTIFY, MAP_NOTIFY, CONFIGURE_NOTIFY = 16, 17, 18, 19, 22
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
DAMAGE_REPORT_RAW_RECTANGLES = 0
Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF
EVENT_SIZE = 192  # sizeof(XEvent): a union of 24 longs


class _XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


class _WindowAttributes(ctypes.Structure):
    # The head of XWindowAttributes; the rest is room, so the server's reply fits.
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("rest", ctypes.c_char * 256),
    ]


def _library(name: str) -> ctypes.CDLL:
    found = ctypes.util.find_library(name)
    if found is None:
        raise OSError(f"lib{name} is not installed")
    return ctypes.CDLL(found)


@dataclass(frozen=True)
class Event:
    """One thing the screen did: `kind` is "create", "map", "unmap", "destroy", "configure" or "damage"."""

    kind: str
    at: float  # time.monotonic() when it was read
    window: int
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0
    override_redirect: bool = False


class Screen:
    """A connection to one X display that reports what happens on its screen."""

    def __init__(self, display: str) -> None:
        self._x = _library("X11")
        self._damage = _library("Xdamage")
        self._test = _library("Xtst")
        x = self._x
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.POINTER(_XImage)
        x.XGetImage.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
        ]
        x.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_WindowAttributes)]
        x.XSetErrorHandler.restype = ctypes.c_void_p
        self._damage.XDamageQueryExtension.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 2
        self._damage.XDamageCreate.restype = ctypes.c_ulong
        self._damage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        self._test.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self._test.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p] + [ctypes.c_int] * 3 + [ctypes.c_ulong]
        self._test.XTestFakeButtonEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]

        # A window that is gone by the time it is asked about must not end the benchmark (Xlib's default
        # error handler exits the process).
        self._on_error = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _d, _e: 0)
        x.XSetErrorHandler(self._on_error)
        self._display = x.XOpenDisplay(display.encode())
        if not self._display:
            raise OSError(f"cannot open X display {display}")
        self.root = x.XDefaultRootWindow(self._display)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not self._damage.XDamageQueryExtension(self._display, event_base, error_base):
            raise OSError("the X server has no DAMAGE extension")
        self._damage_event = event_base.value
        x.XSelectInput(self._display, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        # Raw rectangles: every repaint is reported, with no need to acknowledge the last one.
        self._damage.XDamageCreate(self._display, self.root, DAMAGE_REPORT_RAW_RECTANGLES)
        x.XSync(self._display, 0)
        self._buffer = ctypes.create_string_buffer(EVENT_SIZE)
        self._keycodes: dict[str, int] = {}

    def close(self) -> None:
        """Close the connection."""
        self._x.XCloseDisplay(self._display)

    def events(self, timeout: float) -> list[Event]:
        """What happened since the last call, waiting up to `timeout` seconds for the first of it."""
        x, display = self._x, self._display
        if not x.XPending(display):
            select.select([x.XConnectionNumber(display)], [], [], max(0.0, timeout))
        found = []
        while x.XPending(display):
            x.XNextEvent(display, self._buffer)
            event = self._decode(self._buffer.raw, time.monotonic())
            if event is not None:
                found.append(event)
        return found

    def _decode(self, raw: bytes, at: float) -> Event | None:
        (kind,) = struct.unpack_from("i", raw, 0)
        if kind == self._damage_event:
            x, y, width, height = struct.unpack_from("hhHH", raw, 64)
            return Event("damage", at, struct.unpack_from("L", raw, 32)[0], x, y, width, height)
        window = struct.unpack_from("L", raw, 40)[0]
        if kind == CREATE_NOTIFY:
            x, y, width, height, _border, override = struct.unpack_from("iiiiii", raw, 48)
            return Event("create", at, window, x, y, width, height, bool(override))
        if kind == MAP_NOTIFY:
            return Event("map", at, window, override_redirect=bool(struct.unpack_from("i", raw, 48)[0]))
        if kind == CONFIGURE_NOTIFY:
            x, y, width, height = struct.unpack_from("iiii", raw, 48)
            override = bool(struct.unpack_from("i", raw, 80)[0])
            return Event("configure", at, window, x, y, width, height, override)
        if kind == UNMAP_NOTIFY:
            return Event("unmap", at, window)
        if kind == DESTROY_NOTIFY:
            return Event("destroy", at, window)
        return None

    def geometry(self, window: int) -> tuple[int, int, int, int] | None:
        """The window's x, y, width and height, or None when it is gone."""
        attributes = _WindowAttributes()
        if not self._x.XGetWindowAttributes(self._display, window, ctypes.byref(attributes)):
            return None
        return attributes.x, attributes.y, attributes.width, attributes.height

    def grab(self, x: int, y: int, width: int, height: int) -> tuple[bytes, int]:
        """The screen's pixels in a rectangle, as 32-bit BGRX rows, and the bytes per row."""
        image = self._x.XGetImage(self._display, self.root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
        if not image:
            return b"", 0
        try:
            contents = image.contents
            if contents.bits_per_pixel != 32:
                raise OSError(f"expected a 32-bit screen, got {contents.bits_per_pixel} bits per pixel")
            return ctypes.string_at(contents.data, contents.bytes_per_line * height), contents.bytes_per_line
        finally:
            self._x.XDestroyImage(image)

    def click(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) and click the left button there."""
        self._test.XTestFakeMotionEvent(self._display, -1, x, y, 0)
        self._test.XTestFakeButtonEvent(self._display, 1, 1, 0)
        self._test.XTestFakeButtonEvent(self._display, 1, 0, 0)
        self._x.XFlush(self._display)

    def key(self, name: str, modifier: str | None = None) -> None:
        """Press and release the key of keysym `name` ("q", "space", "End"), with `modifier` held."""
        codes = [self._keycode(modifier)] if modifier else []
        code = self._keycode(name)
        for held in codes:
            self._test.XTestFakeKeyEvent(self._display, held, 1, 0)
        self._test.XTestFakeKeyEvent(self._display, code, 1, 0)
        self._test.XTestFakeKeyEvent(self._display, code, 0, 0)
        for held in codes:
            self._test.XTestFakeKeyEvent(self._display, held, 0, 0)
        self._x.XFlush(self._display)

    def _keycode(self, name: str) -> int:
        if name not in self._keycodes:
            code = self._x.XKeysymToKeycode(self._display, self._x.XStringToKeysym(name.encode()))
            if not code:
                raise OSError(f"no key for {name!r} on this X server")
            self._keycodes[name] = code
        return self._keycodes[name]
