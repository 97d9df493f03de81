//! Sound on the desktop: the mixer fed to ALSA's default device from a thread of its own.
//!
//! ALSA is opened at run time (`libasound.so.2`, present wherever a desktop plays sound),
//! not linked: the game builds without ALSA's headers, and a machine with no library or no
//! device (a server, CI under Xvfb) plays silently after one line in the log. The thread
//! sleeps while nothing plays or the sound is off, so idle still costs nothing.
//!
//! `HAEJU_SOUND_DEVICE` names another ALSA device than `default` (e.g. `plughw:1`, or
//! `file:FILE=out.raw` to record what the game plays, as the tour test does).

use super::mixer::{self, Mixer, RATE};
use bevy::log::{info, warn};
use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};
use std::sync::{Arc, Condvar, Mutex};

type Shared = Arc<(Mutex<Mixer>, Condvar)>;

/// The desktop's sound output: commands go to the mixer, the thread plays it.
pub struct Output {
    shared: Shared,
}

impl Output {
    pub fn start(gain: f32) -> Self {
        let shared: Shared = Arc::new((Mutex::new(Mixer::new(Vec::new(), gain)), Condvar::new()));
        let mix = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("sound".into())
            .spawn(move || match Alsa::open() {
                Ok(alsa) => {
                    info!("Sound: playing through ALSA's device {:?}", alsa.name);
                    run(&alsa, &mix);
                }
                Err(e) => info!("Sound: off ({e}); the game plays silently"),
            });
        if let Err(e) = spawned {
            warn!("Sound: off (no thread for it: {e})");
        }
        Output { shared }
    }

    pub fn with(&self, f: impl FnOnce(&mut Mixer)) {
        let (m, wake) = &*self.shared;
        if let Ok(mut m) = m.lock() {
            f(&mut m);
            wake.notify_one();
        }
    }
}

fn run(alsa: &Alsa, shared: &Shared) {
    let clips = super::CLIPS
        .iter()
        .filter_map(|&(s, bytes)| match mixer::decode(bytes) {
            Ok(c) => Some((s, c)),
            Err(e) => {
                warn!("Sound: {s} could not be read ({e})");
                None
            }
        })
        .collect();
    let (m, wake) = &**shared;
    let Ok(mut g) = m.lock() else { return };
    g.set_clips(clips);
    drop(g);
    // About 23 ms a write: short enough for a click to follow its key.
    let mut buf = vec![0i16; 512];
    // The thread keeps itself at most a tenth of a second ahead of the clock: a device
    // blocks when its buffer is full anyway, but one that never does (ALSA's `file` or
    // `null`) would otherwise take samples as fast as they can be mixed.
    let (mut since, mut played) = (std::time::Instant::now(), 0u64);
    loop {
        {
            let Ok(mut g) = m.lock() else { return };
            if !g.busy() {
                while !g.busy() {
                    g = match wake.wait(g) {
                        Ok(g) => g,
                        Err(_) => return,
                    };
                }
                (since, played) = (std::time::Instant::now(), 0);
            }
            g.fill(&mut buf);
        }
        let ahead = played as f64 / f64::from(RATE) - since.elapsed().as_secs_f64();
        if ahead > 0.1 {
            std::thread::sleep(std::time::Duration::from_secs_f64(ahead - 0.1));
        }
        played += buf.len() as u64;
        if let Err(e) = alsa.write(&buf) {
            warn!("Sound: stopped ({e})");
            return;
        }
    }
}

/// Handles to the few ALSA functions the game uses, looked up in `libasound.so.2`.
struct Alsa {
    name: String,
    pcm: *mut c_void,
    writei: unsafe extern "C" fn(*mut c_void, *const c_void, c_ulong) -> c_long,
    recover: unsafe extern "C" fn(*mut c_void, c_int, c_int) -> c_int,
    _lib: libloading::Library,
}

// SAFETY: the PCM handle is used by the sound thread alone, which owns the `Alsa`.
unsafe impl Send for Alsa {}

/// ALSA prints its own errors to stderr (a dozen lines when there is no sound card): the
/// game says it in one line instead. Installed as ALSA's error handler, whose C type is
/// variadic; this one reads none of its arguments.
extern "C" fn quiet(_: *const c_char, _: c_int, _: *const c_char, _: c_int, _: *const c_char) {}

impl Alsa {
    fn open() -> Result<Self, String> {
        // SAFETY: loading the system's ALSA library runs its initialisers, as linking would.
        let lib = unsafe { libloading::Library::new("libasound.so.2") }
            .map_err(|_| "no ALSA library, libasound.so.2".to_string())?;
        type Handler =
            unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char, ...);
        // SAFETY: the symbols' types are ALSA's published C signatures (alsa/pcm.h, alsa/error.h).
        unsafe {
            let set_handler = *lib
                .get::<unsafe extern "C" fn(Option<Handler>) -> c_int>(
                    b"snd_lib_error_set_handler\0",
                )
                .map_err(|e| e.to_string())?;
            let open = *lib
                .get::<unsafe extern "C" fn(*mut *mut c_void, *const c_char, c_int, c_int) -> c_int>(
                    b"snd_pcm_open\0",
                )
                .map_err(|e| e.to_string())?;
            let set_params = *lib
                .get::<unsafe extern "C" fn(
                    *mut c_void,
                    c_int,
                    c_int,
                    c_uint,
                    c_uint,
                    c_int,
                    c_uint,
                ) -> c_int>(b"snd_pcm_set_params\0")
                .map_err(|e| e.to_string())?;
            let writei = *lib
                .get::<unsafe extern "C" fn(*mut c_void, *const c_void, c_ulong) -> c_long>(
                    b"snd_pcm_writei\0",
                )
                .map_err(|e| e.to_string())?;
            let recover = *lib
                .get::<unsafe extern "C" fn(*mut c_void, c_int, c_int) -> c_int>(
                    b"snd_pcm_recover\0",
                )
                .map_err(|e| e.to_string())?;
            let close = *lib
                .get::<unsafe extern "C" fn(*mut c_void) -> c_int>(b"snd_pcm_close\0")
                .map_err(|e| e.to_string())?;
            // A handler that reads none of the variadic arguments may be called as one that
            // takes them (the C calling convention leaves them to the callee).
            let handler: Handler = std::mem::transmute::<
                extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char),
                Handler,
            >(quiet);
            set_handler(Some(handler));
            let mut pcm = std::ptr::null_mut();
            let name = std::env::var("HAEJU_SOUND_DEVICE").unwrap_or_else(|_| "default".into());
            let device = std::ffi::CString::new(name.clone())
                .map_err(|_| format!("the device name {name:?} has a NUL in it"))?;
            // SND_PCM_STREAM_PLAYBACK = 0, blocking.
            let r = open(&mut pcm, device.as_ptr(), 0, 0);
            if r < 0 || pcm.is_null() {
                return Err(format!("no sound device {name:?} (ALSA error {r})"));
            }
            // SND_PCM_FORMAT_S16_LE = 2, SND_PCM_ACCESS_RW_INTERLEAVED = 3; one channel;
            // ALSA resamples if the device wants another rate; 100 ms of buffer.
            let r = set_params(pcm, 2, 3, 1, RATE, 1, 100_000);
            if r < 0 {
                close(pcm);
                return Err(format!(
                    "the sound device refused 16-bit mono (ALSA error {r})"
                ));
            }
            Ok(Alsa {
                name,
                pcm,
                writei,
                recover,
                _lib: lib,
            })
        }
    }

    fn write(&self, mut buf: &[i16]) -> Result<(), String> {
        while !buf.is_empty() {
            // SAFETY: `buf` holds `buf.len()` frames of one 16-bit channel, as configured.
            let n = unsafe { (self.writei)(self.pcm, buf.as_ptr().cast(), buf.len() as c_ulong) };
            if n < 0 {
                // An underrun after a silence, or a suspend: ALSA recovers from those.
                // SAFETY: as above; `n` is ALSA's own error code.
                let r = unsafe { (self.recover)(self.pcm, n as c_int, 1) };
                if r < 0 {
                    return Err(format!("ALSA error {n}"));
                }
            } else {
                buf = &buf[(n as usize).min(buf.len())..];
            }
        }
        Ok(())
    }
}
