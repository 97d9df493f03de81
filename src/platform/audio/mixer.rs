//! The desktop's mixer: the place's ambience (looping, cross-faded when she moves) and the
//! phone's and the street team's sounds over it, at the player's volume. Pure arithmetic
//! on samples, tested without a sound device; `native` feeds it to the device. Sounds are
//! named by their files (`assets/sounds/NAME.ogg`).

/// A sound's name.
type Name = &'static str;

/// Samples a second (mono): what `tools/make-sounds.py` writes.
pub const RATE: u32 = 22_050;
/// An ambience fades in or out over half a second.
const FADE_SAMPLES: f32 = RATE as f32 * 0.5;
/// One-shots beyond this many at once drop the oldest (a silent machine never drains).
const MAX_SHOTS: usize = 6;

struct Voice {
    sound: Name,
    pos: usize,
    gain: f32,
    target: f32,
    looped: bool,
}

/// Decoded sounds (16-bit mono at [`RATE`]) and what is playing.
#[derive(Default)]
pub struct Mixer {
    clips: Vec<(Name, Vec<i16>)>,
    voices: Vec<Voice>,
    gain: f32,
    /// The mix before the volume, kept between calls (the sound thread allocates nothing
    /// as it plays).
    acc: Vec<f32>,
}

impl Mixer {
    pub fn new(clips: Vec<(Name, Vec<i16>)>, gain: f32) -> Self {
        Mixer {
            clips,
            voices: Vec::new(),
            gain,
            acc: Vec::new(),
        }
    }

    pub fn set_clips(&mut self, clips: Vec<(Name, Vec<i16>)>) {
        self.clips = clips;
    }

    /// The player's volume as a gain: 0 (silent: nothing is mixed, the
    /// device is left alone) to 1.
    pub fn set_gain(&mut self, gain: f32) {
        self.gain = gain.clamp(0.0, 1.0);
    }

    /// The ambience to fade to (None: fade to silence).
    pub fn ambience(&mut self, sound: Option<Name>) {
        let mut found = false;
        for v in self.voices.iter_mut().filter(|v| v.looped) {
            let this = Some(v.sound) == sound;
            v.target = if this { 1.0 } else { 0.0 };
            found |= this;
        }
        if let (Some(sound), false) = (sound, found) {
            self.voices.push(Voice {
                sound,
                pos: 0,
                gain: 0.0,
                target: 1.0,
                looped: true,
            });
        }
    }

    /// A sound played once, over the ambience.
    pub fn play(&mut self, sound: Name) {
        let shots = self.voices.iter().filter(|v| !v.looped).count();
        if shots >= MAX_SHOTS
            && let Some(i) = self.voices.iter().position(|v| !v.looped)
        {
            self.voices.remove(i);
        }
        self.voices.push(Voice {
            sound,
            pos: 0,
            gain: 1.0,
            target: 1.0,
            looped: false,
        });
    }

    /// Whether there is anything to hear (if not, the device need not be fed).
    pub fn busy(&self) -> bool {
        self.gain > 0.0 && !self.voices.is_empty()
    }

    /// The sounds playing now.
    #[cfg(test)]
    pub fn playing(&self) -> Vec<Name> {
        self.voices
            .iter()
            .filter(|v| v.target > 0.0)
            .map(|v| v.sound)
            .collect()
    }

    /// Mixes the next `out.len()` samples.
    pub fn fill(&mut self, out: &mut [i16]) {
        let mut acc = std::mem::take(&mut self.acc);
        acc.clear();
        acc.resize(out.len(), 0.0);
        for v in &mut self.voices {
            let Some((_, clip)) = self.clips.iter().find(|(s, _)| *s == v.sound) else {
                continue;
            };
            if clip.is_empty() {
                continue;
            }
            let step = 1.0 / FADE_SAMPLES;
            for a in acc.iter_mut() {
                if v.pos >= clip.len() {
                    if !v.looped {
                        break;
                    }
                    v.pos = 0;
                }
                if v.gain < v.target {
                    v.gain = (v.gain + step).min(v.target);
                } else if v.gain > v.target {
                    v.gain = (v.gain - step).max(v.target);
                }
                *a += f32::from(clip[v.pos]) * v.gain;
                v.pos += 1;
            }
        }
        let clips = &self.clips;
        let len = |s: Name| {
            clips
                .iter()
                .find(|(c, _)| *c == s)
                .map_or(0, |(_, c)| c.len())
        };
        self.voices.retain(|v| {
            if v.looped {
                (v.gain > 0.0 || v.target > 0.0) && len(v.sound) > 0
            } else {
                v.pos < len(v.sound)
            }
        });
        let gain = self.gain;
        for (o, a) in out.iter_mut().zip(&acc) {
            *o = (a * gain).clamp(-32767.0, 32767.0) as i16;
        }
        self.acc = acc;
    }
}

/// Decodes one of the game's Ogg Vorbis files to 16-bit mono samples.
pub fn decode(bytes: &[u8]) -> Result<Vec<i16>, String> {
    let mut r = lewton::inside_ogg::OggStreamReader::new(std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    let channels = usize::from(r.ident_hdr.audio_channels.max(1));
    let mut out = Vec::new();
    while let Some(p) = r.read_dec_packet_itl().map_err(|e| e.to_string())? {
        out.extend(p.iter().step_by(channels));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rms(x: &[i16]) -> f64 {
        (x.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt()
    }

    fn clips() -> Vec<(Name, Vec<i16>)> {
        super::super::CLIPS
            .iter()
            .map(|&(s, bytes)| (s, decode(bytes).expect("decodes")))
            .collect()
    }

    /// The places' loops (the rest are played once).
    fn is_ambience(s: Name) -> bool {
        ["street", "market", "port", "home"].contains(&s)
    }

    #[test]
    fn every_sound_decodes_at_its_length_and_is_heard() {
        for (s, clip) in clips() {
            let secs = clip.len() as f64 / f64::from(RATE);
            let (lo, hi) = if is_ambience(s) {
                (11.0, 13.0)
            } else {
                (0.2, 2.0)
            };
            assert!(lo <= secs && secs <= hi, "{s:?} lasts {secs:.2} s");
            // At least -36 dB below full scale on average (home, a quiet room, is the
            // quietest).
            assert!(rms(&clip) > 500.0, "{s:?} is too quiet: rms {}", rms(&clip));
            let peak = clip.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0);
            assert!(peak < 32000, "{s:?} clips at {peak}");
        }
    }

    #[test]
    fn an_ambience_loops_without_a_click() {
        for (s, clip) in clips().into_iter().filter(|(s, _)| is_ambience(s)) {
            // The jump from the last sample to the first is no bigger than the clip's
            // usual step from one sample to the next.
            let jump = (i32::from(clip[0]) - i32::from(*clip.last().unwrap())).abs();
            let steps: Vec<i32> = clip
                .windows(2)
                .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
                .collect();
            let mut sorted = steps.clone();
            sorted.sort_unstable();
            let p99 = sorted[sorted.len() * 99 / 100];
            assert!(
                jump <= p99,
                "{s:?}: loop joint {jump} against p99 step {p99}"
            );
        }
    }

    #[test]
    fn moving_fades_one_place_out_and_the_next_in() {
        let mut m = Mixer::new(clips(), 1.0);
        let mut buf = vec![0i16; RATE as usize];
        m.ambience(Some("street"));
        m.fill(&mut buf);
        assert!(rms(&buf) > 300.0, "the street is heard");
        m.ambience(Some("market"));
        assert_eq!(m.playing(), vec!["market"]);
        m.fill(&mut buf);
        m.fill(&mut buf);
        // The street has faded out and is gone; the market plays.
        assert_eq!(m.voices.len(), 1);
        assert_eq!(m.voices[0].sound, "market");
        m.ambience(None);
        m.fill(&mut buf);
        assert!(!m.busy(), "silence after the fade");
    }

    #[test]
    fn a_sound_plays_once_and_the_volume_scales_it() {
        let mut loud = Mixer::new(clips(), 1.0);
        let mut soft = Mixer::new(clips(), 0.25);
        let mut muted = Mixer::new(clips(), 0.0);
        let (mut a, mut b, mut c) = (vec![0i16; 4000], vec![0i16; 4000], vec![0i16; 4000]);
        for (m, buf) in [
            (&mut loud, &mut a),
            (&mut soft, &mut b),
            (&mut muted, &mut c),
        ] {
            m.play("message");
            m.fill(buf);
        }
        let (ra, rb) = (rms(&a), rms(&b));
        assert!(
            ra > 1000.0 && (rb / ra - 0.25).abs() < 0.02,
            "rms {ra} vs {rb}"
        );
        assert_eq!(rms(&c), 0.0);
        assert!(!muted.busy(), "muted: the device is not fed");
        let mut rest = vec![0i16; RATE as usize * 2];
        loud.fill(&mut rest);
        assert!(loud.voices.is_empty(), "the message sound ended");
        // A machine with no device never drains its one-shots: they stay few.
        for _ in 0..50 {
            muted.play("screenshot");
        }
        assert!(muted.voices.len() <= MAX_SHOTS);
    }
}
