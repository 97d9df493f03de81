#!/usr/bin/env python3
"""Synthesises every sound of the game into assets/sounds/ (Ogg Vorbis, mono, 22,050 Hz).

Nothing is recorded or downloaded: each sound is built here from sine waves and filtered
noise, with a fixed random seed, so that a run gives the same files. Python's standard
library makes the samples; `oggenc` (Debian package vorbis-tools) encodes them.

    apt-get install vorbis-tools && tools/make-sounds.py

The places' ambiences loop (their ends are cross-faded into their starts); the others
play once. See docs/art-direction.md ("Sound") for what each is for.
"""
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

RATE = 22050
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "sounds")


def silence(seconds):
    return [0.0] * int(seconds * RATE)


def add(into, sound, at, gain=1.0):
    """Mixes `sound` into `into` from `at` seconds, wrapping round the end (for loops)."""
    start = int(at * RATE)
    n = len(into)
    for i, v in enumerate(sound):
        into[(start + i) % n] += v * gain


def noise(seconds, rng):
    return [rng.uniform(-1.0, 1.0) for _ in range(int(seconds * RATE))]


def lowpass(x, hz):
    a = 1.0 - math.exp(-2.0 * math.pi * hz / RATE)
    y, out = 0.0, []
    for v in x:
        y += a * (v - y)
        out.append(y)
    return out


def highpass(x, hz):
    low = lowpass(x, hz)
    return [v - l for v, l in zip(x, low)]


def bandpass(x, lo, hi):
    return highpass(lowpass(x, hi), lo)


def normalise(x, peak):
    m = max(abs(v) for v in x) or 1.0
    return [v * peak / m for v in x]


def tone(seconds, partials, decay, attack=0.005):
    """A struck or sounded tone: (frequency, amplitude) partials under an exponential decay."""
    n = int(seconds * RATE)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack) * math.exp(-t / decay)
        out.append(env * sum(a * math.sin(2 * math.pi * f * t) for f, a in partials))
    return out


def smooth_random(seconds, rate_hz, rng, lo=0.0, hi=1.0):
    """A slowly wandering value (new target `rate_hz` times a second, cosine-eased)."""
    n = int(seconds * RATE)
    step = max(1, int(RATE / rate_hz))
    points = [rng.uniform(lo, hi) for _ in range(n // step + 2)]
    out = []
    for i in range(n):
        k, f = divmod(i, step)
        u = (1 - math.cos(math.pi * f / step)) / 2
        out.append(points[k] * (1 - u) + points[k + 1] * u)
    return out


def loop(x, fade=1.0):
    """Makes `x` loop without a click: its last `fade` seconds are cross-faded into its
    first ones, and dropped from its end."""
    n = int(fade * RATE)
    body = x[: len(x) - n]
    for i in range(n):
        u = i / n
        body[i] = body[i] * u + x[len(x) - n + i] * (1 - u)
    return body


# The places -----------------------------------------------------------------------------


def street(rng):
    """A street of Haeju in the morning: wind between blocks, footsteps passing, a
    bicycle's bell. Few cars."""
    s = 13.0
    wind = lowpass(lowpass(noise(s, rng), 380), 380)
    swell = smooth_random(s, 0.4, rng, 0.35, 1.0)
    out = [w * a for w, a in zip(normalise(wind, 1.0), swell)]
    step = highpass(lowpass(noise(0.05, rng), 1400), 120)
    step = [v * math.exp(-i / (0.012 * RATE)) for i, v in enumerate(step)]
    for walker, (t0, t1, pace) in enumerate([(0.5, 5.0, 0.55), (6.5, 11.5, 0.48)]):
        t = t0
        while t < t1:
            near = math.sin(math.pi * (t - t0) / (t1 - t0))  # comes and goes
            add(out, step, t, 0.9 * near)
            t += pace * rng.uniform(0.95, 1.05)
    bell = tone(0.9, [(2150, 1.0), (2870, 0.5), (4310, 0.25)], 0.22)
    add(out, bell, 7.6, 0.35)
    add(out, bell, 7.85, 0.3)
    return normalise(loop(out), 0.30)


def market(rng):
    """The market: many voices at once, none clear; a scale's pan, coins and bowls."""
    s = 13.0
    out = silence(s)
    for v in range(7):
        centre = rng.uniform(250, 700)
        voice = bandpass(noise(s, rng), centre * 0.6, centre * 1.6)
        syllables = smooth_random(s, rng.uniform(4, 7), rng, 0.0, 1.0)
        phrases = smooth_random(s, 0.7, rng, -0.6, 1.0)
        for i in range(len(out)):
            out[i] += voice[i] * syllables[i] ** 2 * max(0.0, phrases[i])
    out = normalise(out, 1.0)
    for t in (1.3, 4.9, 9.2):
        clink = tone(0.4, [(3120, 1.0), (4710, 0.6), (6890, 0.3)], 0.07)
        add(out, clink, t + rng.uniform(-0.2, 0.2), 0.25)
    pan = tone(0.5, [(880, 1.0), (1330, 0.5)], 0.12)
    add(out, pan, 6.7, 0.3)
    return normalise(loop(out), 0.32)


def port(rng):
    """The port on the Yellow Sea: waves on the quay, gulls, a ship's horn far off."""
    s = 13.0
    sea = lowpass(lowpass(noise(s, rng), 520), 900)
    out = []
    for i, v in enumerate(sea):
        t = i / RATE
        # Two waves in the 12 s the loop lasts, so that it joins.
        wave_env = 0.25 + 0.75 * max(0.0, math.sin(2 * math.pi * t / 6.0)) ** 1.5
        out.append(v * wave_env)
    out = normalise(out, 1.0)
    for t0, f0 in ((2.2, 1700), (2.7, 1550), (9.4, 1800)):
        n = int(0.45 * RATE)
        call = []
        ph = 0.0
        for i in range(n):
            t = i / RATE
            f = f0 * (1.0 - 0.35 * t / 0.45) + 40 * math.sin(2 * math.pi * 18 * t)
            ph += 2 * math.pi * f / RATE
            env = math.sin(math.pi * t / 0.45) ** 2
            call.append(env * (math.sin(ph) + 0.3 * math.sin(2 * ph)))
        add(out, call, t0, 0.22)
    n = int(2.2 * RATE)
    horn = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / 0.3) * min(1.0, (2.2 - t) / 0.6)
        horn.append(env * sum(math.sin(2 * math.pi * 98 * k * t) / k for k in range(1, 6)))
    add(out, lowpass(horn, 600), 5.5, 0.35)
    return normalise(loop(out), 0.32)


def home(rng):
    """Home in the evening: a quiet room, the clock on the wall, a spoon on a bowl."""
    s = 13.0
    out = [v * 0.3 for v in lowpass(noise(s, rng), 200)]
    tick = highpass(noise(0.015, rng), 2500)
    tick = [v * math.exp(-i / (0.002 * RATE)) for i, v in enumerate(tick)]
    for k in range(12):
        add(out, tick, k + 0.25, 0.5 if k % 2 else 0.35)
    bowl = tone(1.2, [(1180, 1.0), (2950, 0.45), (5200, 0.15)], 0.35)
    add(out, bowl, 3.4, 0.35)
    add(out, bowl, 8.1, 0.25)
    return normalise(loop(out), 0.22)


# The phone and the street team ----------------------------------------------------------


def message(rng):
    """A message arrives: a short buzz, then two rising notes."""
    buzz = [0.35 * math.sin(2 * math.pi * 170 * i / RATE) * (1 if (i // 600) % 2 == 0 else 0.2)
            for i in range(int(0.18 * RATE))]
    out = buzz + silence(0.05)
    out += tone(0.16, [(1046.5, 1.0), (2093, 0.2)], 0.09)
    out += tone(0.35, [(1318.5, 1.0), (2637, 0.2)], 0.12)
    return normalise(out, 0.7)


def screenshot(rng):
    """The phone takes its screenshot: a camera shutter's two clicks."""
    click = bandpass(noise(0.03, rng), 1800, 6500)
    click = [v * math.exp(-i / (0.004 * RATE)) for i, v in enumerate(click)]
    out = silence(0.3)
    add(out, click, 0.0, 1.0)
    add(out, click, 0.085, 0.7)
    return normalise(out, 0.6)


def deleted(rng):
    """The phone deletes a file by itself: a falling blip."""
    n = int(0.3 * RATE)
    out, ph = [], 0.0
    for i in range(n):
        t = i / RATE
        ph += 2 * math.pi * (900 - 1500 * t) / RATE
        out.append(math.sin(ph) * math.exp(-t / 0.12) * min(1.0, t / 0.004))
    return normalise(out, 0.55)


def whistle(rng):
    """A street team stops her: a whistle, short then long."""
    out = []
    for length in (0.3, 0.75):
        n = int(length * RATE)
        ph = 0.0
        for i in range(n):
            t = i / RATE
            trill = 0.5 + 0.5 * math.sin(2 * math.pi * 28 * t)  # the pea in the whistle
            ph += 2 * math.pi * (2750 + 120 * trill) / RATE
            env = min(1.0, t / 0.02) * min(1.0, (length - t) / 0.05)
            out.append(env * (0.55 + 0.45 * trill) * math.sin(ph))
        out += silence(0.12)
    breath = bandpass(noise(len(out) / RATE, rng), 2000, 5000)
    out = [v + 0.08 * b * (1 if v else 0) for v, b in zip(out, breath)]
    return normalise(out, 0.6)


SOUNDS = [street, market, port, home, message, screenshot, deleted, whistle]


def write_ogg(name, samples):
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        wav = os.path.join(d, name + ".wav")
        with wave.open(wav, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, v)) * 32767))
                                   for v in samples))
        dest = os.path.join(OUT, name + ".ogg")
        # -q -1: the smallest Vorbis (about 20 kbit/s at this rate); --serial keeps the
        # files the same from run to run.
        subprocess.run(["oggenc", "-Q", "-q", "-1", "--serial", "1", "-o", dest, wav],
                       check=True)
        return os.path.getsize(dest)


def main():
    total = 0
    for make in SOUNDS:
        samples = make(random.Random(make.__name__))
        size = write_ogg(make.__name__, samples)
        total += size
        print(f"{make.__name__:11} {len(samples) / RATE:5.2f} s  {size / 1000:6.1f} KB")
    print(f"{'total':11} {'':7}  {total / 1000:6.1f} KB")


if __name__ == "__main__":
    sys.exit(main())
