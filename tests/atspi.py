#!/usr/bin/python3
"""The game as a Linux screen reader meets it: through AT-SPI (issue 33).

Run by tests/tour.rs inside its own session bus and X display:

    dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/atspi.py GAME NEW_GAME LEVELS_HEADING

Starts the accessibility bus (at-spi2-core's launcher, as a desktop session does when a
screen reader is on), tells it a screen reader is running (org.a11y.Status.IsEnabled, what
Orca's start sets), starts the game, and then, only through AT-SPI as Orca would:
finds the game's application and the title's buttons by role and name, presses New game by
its action, and waits for the list of levels (its heading and the three level buttons).
Prints the tree it read and what it did; exits non-zero, saying why, if a step fails.
"""

import os
import subprocess
import sys
import tempfile
import time

from gi.repository import Gio, GLib  # Debian's python3-gi

game, new_game, levels_heading = sys.argv[1], sys.argv[2], sys.argv[3]
# What the bus launcher keeps of IsEnabled stays in this process tree, not in the
# user's dconf database.
os.environ["GSETTINGS_BACKEND"] = "memory"


def fail(why):
    print(f"AT-SPI: {why}", flush=True)
    sys.exit(1)


session = Gio.bus_get_sync(Gio.BusType.SESSION, None)


def a11y_bus(interface, method, args, reply):
    # (The first call starts at-spi-bus-launcher: D-Bus activation of org.a11y.Bus.)
    return session.call_sync(
        "org.a11y.Bus", "/org/a11y/bus", interface, method, args,
        GLib.VariantType(reply) if reply else None, Gio.DBusCallFlags.NONE, 10000, None)


a11y_bus("org.freedesktop.DBus.Properties", "Set",
         GLib.Variant("(ssv)", ("org.a11y.Status", "IsEnabled", GLib.Variant("b", True))),
         None)
enabled = a11y_bus("org.freedesktop.DBus.Properties", "Get",
                   GLib.Variant("(ss)", ("org.a11y.Status", "IsEnabled")), "(v)")
address = a11y_bus("org.a11y.Bus", "GetAddress", None, "(s)").unpack()[0]
print(f"accessibility bus: {address} (IsEnabled {enabled.unpack()[0]})", flush=True)
# A client finds the bus from this (and not from a stale X root-window property).
os.environ["AT_SPI_BUS_ADDRESS"] = address

import pyatspi  # noqa: E402  (after the bus address is known)

saves = tempfile.mkdtemp(prefix="haeju-atspi-")
runtime = os.path.join(saves, "xdg")
os.mkdir(runtime, 0o700)
env = dict(os.environ, HAEJU_SAVE_DIR=saves, XDG_RUNTIME_DIR=runtime)
started = time.monotonic()
proc = subprocess.Popen([game, "--lang", "en"], env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def end(status):
    proc.kill()
    err = proc.communicate()[1].decode(errors="replace")
    if status:
        print("the game's log:\n" + err[-3000:], flush=True)
    sys.exit(status)


def nodes(acc, depth=0):
    yield acc, depth
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            yield from nodes(child, depth + 1)


def wait_for(what, find, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            print(f"the game ended ({proc.returncode}) while waiting for {what}")
            end(1)
        try:
            found = find()
        except Exception:  # a node gone while it was read: read again
            found = None
        if found:
            return found
        time.sleep(0.2)
    print(f"AT-SPI: no {what} after {seconds} s")
    show("what AT-SPI reads instead", every_role=True)
    end(1)


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == os.path.basename(game):
            return a
    return None


def named(role, text):
    a = app()
    if a is None:
        return None
    for node, _ in nodes(a):
        if node.getRoleName() == role and text in (node.name or ""):
            return node
    return None


def show(title, every_role=False):
    print(f"--- {title}")
    for node, depth in nodes(app()):
        if every_role or node.getRoleName() in ("push button", "heading", "check box",
                                                "application", "frame", "window"):
            print(f"{'  ' * depth}{node.getRoleName()}: {node.name}")


application = wait_for("application named after the game on the desktop", app)
print(f"application found: {application.name} "
      f"({time.monotonic() - started:.1f} s after the start)")
button = wait_for(f"push button named {new_game!r}", lambda: named("push button", new_game))
show("the title, as AT-SPI reads it")
frames = [n.name for n, _ in nodes(app()) if n.getRoleName() == "frame"]
print(f"the window is named: {frames[0] if frames else None!r}")
buttons = [n for n, _ in nodes(app()) if n.getRoleName() == "push button"]
print(f"buttons on the title: {len(buttons)}")
action = button.queryAction()
names = [action.getName(i) for i in range(action.nActions)]
print(f"pressing {button.name!r} by its action {names[0]!r} (of {names})")
if not action.doAction(0):
    fail(f"the action {names[0]!r} of {button.name!r} was refused")
wait_for(f"heading {levels_heading!r}", lambda: named("heading", levels_heading))
level = wait_for("level button [1]", lambda: named("push button", "[1]"))
for key in ("[2]", "[3]"):
    wait_for(f"level button {key}", lambda: named("push button", key))
show("after New game, as AT-SPI reads it")
print(f"the level list is read: {level.name!r}")
print("--- done", flush=True)
end(0)
