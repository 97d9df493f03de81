//! The window's text, font and saves, checked without a window.

use haeju_trader::ui::i18n;
use std::collections::BTreeSet;
use std::path::Path;

fn keys_in_source() -> BTreeSet<String> {
    let prefixes = [
        "game.",
        "title.",
        "levels.",
        "notice.",
        "briefing.",
        "morning.",
        "street.",
        "place.",
        "insp.",
        "evening.",
        "ending.",
        "debrief.",
        "settings.",
        "sources.",
        "fact.",
        "phone.",
        "did.",
        "common.",
        "keys.",
    ];
    let mut keys = BTreeSet::new();
    for dir in ["src/screens", "src/ui", "src"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            for part in src.split('"').skip(1).step_by(2) {
                if prefixes.iter().any(|p| part.starts_with(p))
                    && part.chars().all(|c| {
                        c.is_ascii_lowercase() || c == '.' || c == '_' || c.is_ascii_digit()
                    })
                {
                    keys.insert(part.to_string());
                }
            }
        }
    }
    keys
}

#[test]
fn english_and_korean_have_the_same_strings_and_every_key_the_game_uses() {
    let en = i18n::parse(i18n::EN).expect("en.ron parses");
    let ko = i18n::parse(i18n::KO).expect("ko.ron parses");
    let en_keys: BTreeSet<_> = en.keys().cloned().collect();
    let ko_keys: BTreeSet<_> = ko.keys().cloned().collect();
    assert_eq!(
        en_keys.difference(&ko_keys).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in ko.ron"
    );
    assert_eq!(
        ko_keys.difference(&en_keys).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in en.ron"
    );
    for (k, v) in &ko {
        assert!(!v.trim().is_empty(), "empty Korean string {k}");
    }
    // The handouts' own strings (printed, not drawn): the same keys in both languages.
    let hen = i18n::parse(haeju_trader::handout::EN).expect("handout-en.ron parses");
    let hko = i18n::parse(haeju_trader::handout::KO).expect("handout-ko.ron parses");
    let mut hk: Vec<&String> = hen.keys().collect();
    let mut hkk: Vec<&String> = hko.keys().collect();
    hk.sort();
    hkk.sort();
    assert_eq!(
        hk, hkk,
        "the handouts' strings differ between English and Korean"
    );
    assert!(hk.iter().all(|k| k.starts_with("handout.")));
    let used = keys_in_source();
    assert!(used.len() > 60, "found {} keys", used.len());
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !en.contains_key(*k) && !hen.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in the code but not in the files: {missing:?}"
    );
}

#[test]
fn the_shipped_font_has_every_character_the_game_shows() {
    use skrifa::MetadataProvider;
    // egui's default fonts are not compiled in: the shipped fonts are all there is.
    let mut fonts = vec![haeju_trader::ui::FONT];
    fonts.extend(haeju_trader::ui::SYMBOL_FONTS.iter().map(|(_, data)| *data));
    let fonts: Vec<skrifa::FontRef> = fonts
        .into_iter()
        .map(|f| skrifa::FontRef::new(f).expect("font parses"))
        .collect();
    let mut text = String::new();
    // (The handouts' strings, in their own files, are printed by the reader's browser and
    // never drawn by the game.)
    text += i18n::EN;
    text += i18n::KO;
    for f in haeju_trader::content::level_files() {
        text += &std::fs::read_to_string(f).unwrap();
    }
    // The strings written in the code itself (symbols, key names, the title's line): what
    // is between quotes on lines that are not comments.
    for f in rust_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path()) {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (k, quoted) in line.split('"').enumerate() {
                if k % 2 == 1 {
                    text += quoted;
                }
            }
        }
    }
    let missing: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_control())
        .filter(|c| fonts.iter().all(|f| f.charmap().map(*c).is_none()))
        .collect();
    assert!(
        missing.is_empty(),
        "characters missing from assets/fonts (run tools/subset-font.sh): {missing:?}"
    );
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The save directory is one process-wide variable, and a game begun through the screens'
/// path saves at once: the tests that touch saves take turns, each with its own directory.
static SAVES: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn own_save_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("haeju-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // SAFETY: every test that reads or writes saves holds `SAVES` while it runs.
    unsafe { std::env::set_var("HAEJU_SAVE_DIR", &dir) };
    dir
}

#[test]
fn saves_round_trip_and_a_corrupt_save_is_kept_aside() {
    let _saves = SAVES.lock().unwrap_or_else(|e| e.into_inner());
    use haeju_trader::platform;
    use haeju_trader::rules::Action;
    use haeju_trader::session::Session;
    let dir = own_save_dir("saves");

    // Nothing saved yet.
    assert_eq!(platform::read(), Ok(None));

    // Two days of play, saved, restored whole and from the start of day 2.
    let mut s = Session::new("01", 99).unwrap();
    s.act(Action::EndDay);
    let street = s
        .state()
        .lv()
        .places
        .iter()
        .position(|p| p.id == "street")
        .unwrap() as u16;
    s.act(Action::Travel { to: street });
    platform::write(&s.save()).unwrap();
    let save = platform::read().unwrap().expect("a save");
    assert_eq!(save.day_starts, vec![0, 1]);
    let whole = Session::restore(&save, None).unwrap();
    assert_eq!(
        ron::to_string(&whole.state()).unwrap(),
        ron::to_string(&s.state()).unwrap()
    );
    let day2 = Session::restore(&save, Some(1)).unwrap();
    assert_eq!(day2.state().day, 1);
    assert_eq!(day2.state().place, day2.state().world.home);
    assert!(Session::restore(&save, Some(7)).is_err());

    // A corrupt save: a clear message, the file kept aside, nothing overwritten.
    std::fs::write(
        platform::save_path(),
        "SaveFile(version: 1, level: \"01\", seed: oops",
    )
    .unwrap();
    let err = platform::read().unwrap_err();
    assert!(
        err.contains("could not be continued") && err.contains("unreadable-1"),
        "{err}"
    );
    let aside = dir.join("save.ron.unreadable-1");
    assert!(aside.exists());
    assert!(std::fs::read_to_string(&aside).unwrap().contains("oops"));
    assert!(!platform::save_path().exists());

    // A save from another version is kept aside too, next to the first.
    let mut old = s.save();
    old.version = 0;
    std::fs::write(platform::save_path(), ron::to_string(&old).unwrap()).unwrap();
    let err = platform::read().unwrap_err();
    assert!(
        err.contains("another version") && err.contains("unreadable-2"),
        "{err}"
    );
    assert!(aside.exists());

    // Settings stay (beside the save): none kept gives the defaults, kept ones come back,
    // a damaged file gives the defaults and a message saying which file.
    use haeju_trader::settings::Prefs;
    assert_eq!(platform::read_prefs(), (Prefs::default(), None));
    let ko = Prefs {
        lang: haeju_trader::rules::Lang::Ko,
        scale: 1.5,
        volume: 2,
        reduce_motion: true,
        ..Prefs::default()
    };
    platform::write_prefs(&ko).unwrap();
    assert_eq!(platform::read_prefs(), (ko, None));
    std::fs::write(dir.join("settings.ron"), "(lang: Ko, scale: ").unwrap();
    let (p, note) = platform::read_prefs();
    assert_eq!(p, Prefs::default());
    let note = note.expect("a message");
    assert!(
        note.contains("could not be used") && note.contains("settings.ron"),
        "{note}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn content_intensity_starts_gentle() {
    use haeju_trader::screens::{Intensity, Settings};
    assert_eq!(Settings::default().prefs.intensity, Intensity::Gentle);
}

/// Intensity belongs to the class: a student's choice on the notice holds for that game
/// only (the settings, and so the next student, keep the facilitator's), and a locked
/// intensity is the game's whatever the notice was told. The same path as a key press.
#[test]
fn the_notice_choice_holds_for_one_game_and_a_lock_holds_for_the_class() {
    let _saves = SAVES.lock().unwrap_or_else(|e| e.into_inner());
    let _dir = own_save_dir("notice");
    use bevy::prelude::*;
    use haeju_trader::screens::{self, Do, Intensity, Note, NoticeChoice, Screen, Settings};
    use haeju_trader::session::Session;
    let mut world = World::new();
    world.insert_resource(Settings::default());
    world.insert_resource(State::new(Screen::Notice));
    world.insert_resource(NextState::<Screen>::default());
    world.insert_resource(Note::default());
    let game = |world: &mut World, chosen: Option<Intensity>| {
        if let Some(c) = chosen {
            world.insert_resource(NoticeChoice(c));
        }
        screens::handle(world, Do::NewGame);
        let s = world.resource::<Session>();
        assert_eq!(
            s.save().full_intensity,
            s.full_intensity(),
            "kept in the save"
        );
        assert!(s.id().len() == 10, "a game has its identity: {:?}", s.id());
        s.full_intensity()
    };
    assert!(
        game(&mut world, Some(Intensity::Full)),
        "the student's choice"
    );
    assert_eq!(
        world.resource::<Settings>().prefs.intensity,
        Intensity::Gentle
    );
    assert!(
        !game(&mut world, None),
        "the next game starts at the facilitator's"
    );
    let first = world.resource::<Session>().id().to_string();
    assert!(!game(&mut world, None));
    assert_ne!(
        world.resource::<Session>().id(),
        first,
        "each game its own identity"
    );
    // Locked at full for the class: the notice cannot lower it (nor raise a gentle lock).
    {
        let mut st = world.resource_mut::<Settings>();
        st.prefs.intensity = Intensity::Full;
        st.prefs.lock_intensity = true;
    }
    assert!(game(&mut world, Some(Intensity::Gentle)));
    world.resource_mut::<Settings>().prefs.intensity = Intensity::Gentle;
    assert!(!game(&mut world, Some(Intensity::Full)));
    // The lock is kept between games, as every setting a facilitator sets for the room.
    let kept = &world.resource::<Settings>().prefs;
    assert!(kept.lock_intensity);
    let back = haeju_trader::settings::Prefs::parse(&kept.to_text()).unwrap();
    assert!(back.lock_intensity && back.intensity == Intensity::Gentle);
}

/// Every glyph is drawn as ink shaped like the letter (vendor/epaint fills outlines with
/// ab_glyph_rasterizer): a Korean syllable, the won sign, the heart and the warning sign come
/// out solid inside and soft at the edges, neither empty nor a filled box, and a ring ("O")
/// leaves its middle clear.
#[test]
fn glyphs_are_drawn_as_ink_with_soft_edges() {
    use bevy_egui::egui;
    let ctx = egui::Context::default();
    haeju_trader::ui::setup(&ctx);
    let text = "가 ₩ ♥ ⚠ O";
    let mut galley = None;
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
        galley = Some(ui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(
                text.into(),
                egui::FontId::proportional(40.0),
                egui::Color32::BLACK,
            )
        }));
    });
    let galley = galley.expect("laid out");
    let atlas = out
        .textures_delta
        .set
        .iter()
        .find(|(id, _)| **id == egui::TextureId::default())
        .and_then(|(_, deltas)| deltas.first())
        .map(|delta| match &delta.image {
            egui::ImageData::Color(image) => image.clone(),
        })
        .expect("the font atlas is sent with the first frame");
    // Handled here (egui checks that a frame's texture changes are not dropped unseen).
    out.textures_delta.clear();
    let glyphs: Vec<&egui::epaint::text::Glyph> = galley
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter())
        .filter(|g| !g.chr.is_whitespace())
        .collect();
    assert_eq!(glyphs.len(), 5, "{text}");
    for g in glyphs {
        let [x0, y0] = g.uv_rect.min.map(|v| v as usize);
        let [x1, y1] = g.uv_rect.max.map(|v| v as usize);
        assert!(
            x1 > x0 + 8 && y1 > y0 + 8,
            "{:?}: a glyph of {:?}",
            g.chr,
            g.uv_rect
        );
        let alpha = |x: usize, y: usize| atlas.pixels[y * atlas.size[0] + x].a();
        let (mut ink, mut solid, mut soft) = (0.0, 0, 0);
        for y in y0..y1 {
            for x in x0..x1 {
                let a = alpha(x, y);
                ink += a as f32 / 255.0;
                solid += (a >= 250) as usize;
                soft += (a > 5 && a < 250) as usize;
            }
        }
        let area = ((x1 - x0) * (y1 - y0)) as f32;
        let share = ink / area;
        assert!(
            (0.12..0.75).contains(&share),
            "{:?}: ink covers {share:.2} of its box",
            g.chr
        );
        assert!(
            solid > 20 && soft > 20,
            "{:?}: {solid} solid, {soft} soft pixels",
            g.chr
        );
        if g.chr == 'O' {
            let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
            assert!(alpha(cx, cy) < 10, "the middle of the O is clear");
        }
    }
}

/// What an action gave reaches the sounds (and through their captions the screen reader) as
/// one message, written as the action is carried out: a walk gives its events once; a new
/// game and a refusal give none (nothing to hear).
#[test]
fn what_happened_is_told_once_as_a_message() {
    let _saves = SAVES.lock().unwrap_or_else(|e| e.into_inner());
    let _dir = own_save_dir("happened");
    use bevy::ecs::message::Messages;
    use bevy::prelude::*;
    use haeju_trader::rules::{Action, Event};
    use haeju_trader::screens::{self, Do, Happened, Note, Screen, Settings};
    use haeju_trader::session::Session;
    let mut world = World::new();
    world.insert_resource(Settings::default());
    world.insert_resource(State::new(Screen::Title));
    world.insert_resource(NextState::<Screen>::default());
    world.insert_resource(Note::default());
    world.init_resource::<Messages<Happened>>();
    let told = |world: &mut World| -> Vec<Vec<Event>> {
        world
            .resource_mut::<Messages<Happened>>()
            .drain()
            .map(|h| h.0)
            .collect()
    };
    screens::handle(&mut world, Do::NewGame);
    assert!(told(&mut world).is_empty(), "a new game begins silently");
    world.resource_mut::<Session>().close_card(true);
    let (home, to) = {
        let s = world.resource::<Session>();
        let w = &s.state().world;
        (w.home, (w.home + 1) % w.lv().places.len() as u16)
    };
    screens::handle(&mut world, Do::Act(Action::Travel { to }));
    let heard = told(&mut world);
    let last = world.resource::<Session>().last().to_vec();
    assert_eq!(heard, vec![last.clone()], "the walk's events, once");
    assert!(
        last.iter().any(|e| matches!(e, Event::Arrived { .. })),
        "she arrived: {last:?}"
    );
    // Walking to where she already is is refused: nothing to hear.
    let here = world.resource::<Session>().state().place;
    assert_ne!(here, home);
    screens::handle(&mut world, Do::Act(Action::Travel { to: here }));
    assert!(
        matches!(world.resource::<Session>().last(), [Event::Rejected(_)]),
        "refused"
    );
    assert!(told(&mut world).is_empty(), "a refusal is not heard");
}
