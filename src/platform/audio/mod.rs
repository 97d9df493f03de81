//! Where the game's sounds go: on the desktop the game mixes them itself and plays them
//! through ALSA from a thread of its own (`native`, `mixer`); in the browser the page plays
//! them with Web Audio (`web/main.js`, `window.haejuAudio`), after the first key or click, as
//! browsers require. Sounds are named by their files (`assets/sounds/NAME.ogg`); what they
//! mean is the game's (`crate::sound`).

#[cfg(not(target_arch = "wasm32"))]
mod mixer;
#[cfg(not(target_arch = "wasm32"))]
mod native;

/// The sound files, compiled into the desktop binary (the browser fetches its own copies
/// from the bundle instead, so the .wasm stays small).
#[cfg(not(target_arch = "wasm32"))]
const CLIPS: [(&str, &[u8]); 8] = [
    (
        "street",
        include_bytes!("../../../assets/sounds/street.ogg"),
    ),
    (
        "market",
        include_bytes!("../../../assets/sounds/market.ogg"),
    ),
    ("port", include_bytes!("../../../assets/sounds/port.ogg")),
    ("home", include_bytes!("../../../assets/sounds/home.ogg")),
    (
        "message",
        include_bytes!("../../../assets/sounds/message.ogg"),
    ),
    (
        "screenshot",
        include_bytes!("../../../assets/sounds/screenshot.ogg"),
    ),
    (
        "deleted",
        include_bytes!("../../../assets/sounds/deleted.ogg"),
    ),
    (
        "whistle",
        include_bytes!("../../../assets/sounds/whistle.ogg"),
    ),
];

/// The sound output: a loop under the place, sounds played once over it, a volume.
pub struct AudioOut {
    #[cfg(not(target_arch = "wasm32"))]
    native: native::Output,
}

impl AudioOut {
    /// Silent until the first `volume`.
    pub fn start() -> Self {
        AudioOut {
            #[cfg(not(target_arch = "wasm32"))]
            native: native::Output::start(0.0),
        }
    }

    /// The loop to fade to (None: fade to silence).
    pub fn ambience(&self, name: Option<&'static str>) {
        #[cfg(not(target_arch = "wasm32"))]
        self.native.with(|m| m.ambience(name));
        #[cfg(target_arch = "wasm32")]
        super::call_page(
            "haejuAudio",
            "ambience",
            name.map_or(wasm_bindgen::JsValue::NULL, |s| s.into()),
        );
    }

    /// A sound played once.
    pub fn play(&self, name: &'static str) {
        #[cfg(not(target_arch = "wasm32"))]
        self.native.with(|m| m.play(name));
        #[cfg(target_arch = "wasm32")]
        super::call_page("haejuAudio", "play", name.into());
    }

    /// A gain from 0 (silent: nothing is mixed) to 1.
    pub fn volume(&self, gain: f32) {
        #[cfg(not(target_arch = "wasm32"))]
        self.native.with(|m| m.set_gain(gain));
        #[cfg(target_arch = "wasm32")]
        super::call_page("haejuAudio", "volume", f64::from(gain).into());
    }
}
