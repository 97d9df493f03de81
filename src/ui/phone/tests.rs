//! The phone drawn windowless (egui's `Context::run_ui`), its keys and what it shows.

use super::apps::app_icon;
use super::items::CHIP;
use super::*;

/// One windowless egui frame of `add_contents` over the root, with the game's fonts
/// and look in place (set before a first pass, as the game does: egui's own fonts are
/// not compiled in). No renderer here: the font atlas is dropped unused.
fn run(input: egui::RawInput, add_contents: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
    let ctx = egui::Context::default();
    super::super::setup(&ctx);
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    let mut out = ctx.run_ui(input, add_contents);
    out.textures_delta.clear();
    out
}

/// The phone of `s` as the player holds it, in English, keys live.
fn view<'a>(s: &'a GameState, tr: &'a Tr) -> View<'a> {
    View {
        s,
        tr,
        lang: Lang::En,
        found: &[],
        did: &[],
        keys: true,
        gentle: true,
        clock: s.minute,
        esc_releases: true,
        held: false,
    }
}

/// One frame of the phone with `key` pressed; returns what it chose, and whether the
/// key was still there for the screen after the phone had its turn.
fn frame(s: &GameState, pui: &mut PhoneUi, key: Key) -> (Option<Action>, bool) {
    frame_with(s, pui, key, true)
}

fn frame_with(
    s: &GameState,
    pui: &mut PhoneUi,
    key: Key,
    esc_releases: bool,
) -> (Option<Action>, bool) {
    let tr = Tr::load();
    let input = egui::RawInput {
        events: vec![egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }],
        ..Default::default()
    };
    let (mut act, mut left) = (None, false);
    run(input, |root| {
        egui::CentralPanel::default().show(root, |ui| {
            act = draw(
                ui,
                &View {
                    esc_releases,
                    ..view(s, &tr)
                },
                pui,
            );
            left = pressed(ui.ctx(), key);
        });
    });
    (act, left)
}

/// The phone's width when drawn in `width` points with this app open.
fn drawn_width(s: &GameState, pui: &mut PhoneUi, width: f32) -> f32 {
    let tr = Tr::load();
    let mut w = 0.0;
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        )),
        ..Default::default()
    };
    // As the screens of the day draw it: a panel of fixed width at the right.
    run(input, |root| {
        egui::Panel::right("phone")
            .exact_size(width)
            .resizable(false)
            .show(root, |ui| {
                draw(ui, &view(s, &tr), pui);
                w = ui.min_rect().width();
            });
    });
    w
}

/// The Prices app with every price known, and the Files app with the SD card's row,
/// stay inside a narrow phone (they pushed the panel past the window's edge).
#[test]
fn prices_and_files_stay_inside_the_phone() {
    let mut s = game();
    let n = s.world.n_goods;
    for place in 0..s.world.n_places {
        for good in 0..n {
            s.notebook[place * n + good] = Some((s.day, 123_456));
        }
    }
    for app in [App::Prices, App::Files] {
        let mut pui = PhoneUi {
            app,
            sd: true,
            ..Default::default()
        };
        let w = drawn_width(&s, &mut pui, 300.0);
        assert!(
            w <= 301.0,
            "{app:?} drawn {w} points wide in a 300-point phone"
        );
    }
}

/// Every text the phone draws in one frame.
fn texts(s: &GameState, pui: &mut PhoneUi) -> Vec<String> {
    let tr = Tr::load();
    let out = run(egui::RawInput::default(), |root| {
        egui::CentralPanel::default().show(root, |ui| {
            draw(ui, &view(s, &tr), pui);
        });
    });
    out.shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_string()),
            _ => None,
        })
        .collect()
}

/// A selection moved with the keyboard is scrolled into view (issue 31, point 6): in a
/// short window, Down to the last contact leaves it drawn inside the phone's list.
#[test]
fn the_keyboard_selection_is_scrolled_into_view() {
    let s = game();
    let tr = Tr::load();
    let ctx = egui::Context::default();
    super::super::setup(&ctx);
    let mut pui = PhoneUi {
        app: App::Contacts,
        ..Default::default()
    };
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(320.0, 360.0));
    let contacts = s
        .phone
        .items
        .iter()
        .filter(|it| it.kind == ItemKind::Contact)
        .count();
    let last_name = s
        .phone
        .items
        .iter()
        .rfind(|it| it.kind == ItemKind::Contact)
        .map(|it| s.item_name(it).en.clone())
        .unwrap();
    let mut seen = None;
    for frame in 0..contacts + 4 {
        let events = if frame > 0 && frame <= contacts {
            vec![egui::Event::Key {
                key: Key::ArrowDown,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            }]
        } else {
            Vec::new()
        };
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(frame as f64 * 0.5),
            events,
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |root| {
            egui::CentralPanel::default().show(root, |ui| {
                draw(ui, &view(&s, &tr), &mut pui);
            });
        });
        out.textures_delta.clear();
        seen = out.shapes.iter().find_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.galley.text().ends_with(&last_name) => {
                Some((t.visual_bounding_rect(), c.clip_rect))
            }
            _ => None,
        });
    }
    let (at, clip) = seen.expect("the last contact is drawn");
    assert!(
        clip.contains_rect(at) || clip.intersect(at).height() >= at.height() * 0.9,
        "the selected contact at {at:?} is outside the list's view {clip:?}"
    );
    assert_eq!(
        pui.selected
            .and_then(|id| s.item(id))
            .map(|it| s.item_name(it).en.clone()),
        Some(last_name)
    );
}

/// With no phone, nothing pretends there is one: no network, battery or clock, only
/// that the phone is gone (issue 31, point 9).
#[test]
fn no_phone_shows_no_signal_or_battery() {
    let mut s = game();
    let shown = texts(&s, &mut PhoneUi::default());
    assert!(shown.iter().any(|t| t.contains("Koryolink")), "{shown:?}");
    s.phone.present = false;
    let shown = texts(&s, &mut PhoneUi::default());
    assert!(
        !shown
            .iter()
            .any(|t| t.contains("Koryolink") || t.contains('%') || t.contains(':')),
        "{shown:?}"
    );
    assert!(!shown.is_empty(), "the phone says it is gone");
}

/// Issue 31, point 8: the header's screenshot time is the Trace Viewer's newest line,
/// and the viewer names each line's day (yesterday's 07:15 above today's 07:03 read as
/// a clock gone wrong).
#[test]
fn the_header_and_the_trace_viewer_agree_on_the_last_screenshot() {
    let mut s = game();
    s.day = 1;
    s.minute = 7 * 60 + 20;
    let spec = s.phone.items[0].spec;
    for (day, minute) in [(0, 7 * 60 + 15), (1, 7 * 60 + 3), (1, 7 * 60 + 13)] {
        s.phone.trace.push(Shot {
            day,
            minute,
            item: 0,
            spec,
            flags: 0,
        });
    }
    let header = texts(&s, &mut PhoneUi::default());
    assert!(
        header.iter().any(|t| t == "screenshot 07:13"),
        "the header shows today's newest shot: {header:?}"
    );
    let viewer = texts(
        &s,
        &mut PhoneUi {
            app: App::Trace,
            ..Default::default()
        },
    );
    let lines: Vec<&String> = viewer.iter().filter(|t| t.starts_with("Day")).collect();
    assert!(
        lines.first().is_some_and(|t| t.starts_with("Day 2 07:13")),
        "the viewer's newest line is the header's, with its day: {viewer:?}"
    );
    assert!(
        lines.iter().any(|t| t.starts_with("Day 1 07:15")),
        "yesterday's shot is labelled with its day: {viewer:?}"
    );
    // In the evening of the second day (the rules have begun the third, whose messages
    // she reads at seven): the evening's shot is the header's, the morning's not shown.
    s.day = 2;
    s.evening = Some(18 * 60 + 32);
    for (day, minute) in [(1, 18 * 60 + 31), (2, 7 * 60)] {
        s.phone.trace.push(Shot {
            day,
            minute,
            item: 0,
            spec,
            flags: 0,
        });
    }
    let header = texts(&s, &mut PhoneUi::default());
    assert!(
        header.iter().any(|t| t == "screenshot 18:31"),
        "the evening's shot in the header: {header:?}"
    );
    let viewer = texts(
        &s,
        &mut PhoneUi {
            app: App::Trace,
            ..Default::default()
        },
    );
    assert!(
        viewer.iter().any(|t| t.starts_with("Day 2 18:31"))
            && !viewer.iter().any(|t| t.starts_with("Day 3")),
        "the viewer shows the evening's shot, not tomorrow's: {viewer:?}"
    );
}

/// WCAG's contrast ratio of two sRGB colours.
fn contrast(a: Color32, b: Color32) -> f32 {
    let lum = |c: Color32| {
        let ch = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Issue 31, point 5: the action chips of a selected item ("[Delete] Delete",
/// "[J] Remove ♥", the key on its cap) read at 4.5:1 or more on the paper theme and 7:1 on the high-contrast
/// one, and each chip's fill holds its whole label, descenders and all.
#[test]
fn action_chips_are_readable_and_hold_their_letters() {
    use super::super::theme::{HIGH_CONTRAST, PAPER_THEME};
    let paper = contrast(PAPER_THEME.ink, CHIP);
    let high = contrast(HIGH_CONTRAST.ink, CHIP);
    assert!(paper >= 4.5, "paper theme chips at {paper:.2}:1");
    assert!(high >= 7.0, "high-contrast chips at {high:.2}:1");
    let (letter, cap) = crate::ui::keycap::colours();
    let on_cap = contrast(letter, cap);
    assert!(on_cap >= 7.0, "a key's name on its cap at {on_cap:.2}:1");
    let s = game();
    let mut pui = PhoneUi {
        app: App::Contacts,
        selected: Some(id_of(&s, "c-sunok")),
        ..Default::default()
    };
    let tr = Tr::load();
    let out = run(egui::RawInput::default(), |root| {
        egui::CentralPanel::default().show(root, |ui| {
            draw(ui, &view(&s, &tr), &mut pui);
        });
    });
    let chips: Vec<egui::Rect> = out
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Rect(r) if r.fill == CHIP => Some(r.rect),
            _ => None,
        })
        .collect();
    let labels: Vec<(String, egui::Rect)> = out
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            // The words, and the key's name on its cap before them (not the contact's name,
            // "⚠ Sun-ok ♥", above them).
            egui::Shape::Text(t) if !t.galley.text().starts_with('⚠') => {
                Some((t.galley.text().to_string(), t.visual_bounding_rect()))
            }
            _ => None,
        })
        .filter(|(t, _)| t.contains("Delete") || t.contains('♥'))
        .collect();
    assert!(
        labels.iter().any(|(t, _)| t.contains('♥')),
        "Sun-ok's chips include removing the heart: {labels:?}"
    );
    for (text, rect) in &labels {
        assert!(
            chips.iter().any(|c| c.expand(0.5).contains_rect(*rect)),
            "\"{text}\" at {rect:?} is not inside its chip: {chips:?}"
        );
    }
}

/// Risk is shown by a mark and in words, not by colour alone: a risky contact's name
/// carries ⚠, and selecting it says why it is risky.
#[test]
fn a_risky_item_says_so_and_why() {
    let s = game();
    let sunok = id_of(&s, "c-sunok");
    let mut pui = PhoneUi {
        app: App::Contacts,
        ..Default::default()
    };
    let shown = texts(&s, &mut pui);
    assert!(shown.iter().any(|t| t.starts_with("⚠ Sun-ok")), "{shown:?}");
    assert!(
        shown.iter().any(|t| t == "Un-hui"),
        "a safe contact has no mark: {shown:?}"
    );
    pui.selected = Some(sunok);
    let shown = texts(&s, &mut pui);
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("⚠ Risky:") && t.contains("a heart next to a name")),
        "{shown:?}"
    );
}

fn game() -> GameState {
    let w = crate::content::load_level("01").expect("level 1");
    new_game(w, &mut new_rng(1)).0
}

fn id_of(s: &GameState, level_id: &str) -> u32 {
    s.phone
        .items
        .iter()
        .find(|i| s.world.specs[i.spec as usize].id == level_id)
        .map(|i| i.id)
        .expect("item")
}

/// Esc lets go of the selected item, and is used up doing it (it does not also take
/// the player back from the screen).
#[test]
fn escape_lets_go_of_the_selected_item_first() {
    let s = game();
    let mut pui = PhoneUi {
        app: App::Contacts,
        selected: Some(id_of(&s, "c-sunok")),
        ..Default::default()
    };
    let (act, left) = frame(&s, &mut pui, Key::Escape);
    assert_eq!((act, pui.selected), (None, None));
    assert!(!left, "the screen must not see this Esc");
    // With nothing selected, Esc is the screen's.
    let (_, left) = frame(&s, &mut pui, Key::Escape);
    assert!(left);
    // At a trade Esc always leaves the shop, whatever the phone has selected.
    pui.selected = Some(id_of(&s, "c-sunok"));
    let (_, left) = frame_with(&s, &mut pui, Key::Escape, false);
    assert!(left, "at a trade the first Esc is the shop's");
}

/// "Open" is for what has something to open: a photo, not a contact.
#[test]
fn open_is_offered_only_where_there_is_something_to_open() {
    let s = game();
    let mut pui = PhoneUi {
        app: App::Contacts,
        selected: Some(id_of(&s, "c-sunok")),
        ..Default::default()
    };
    assert_eq!(frame(&s, &mut pui, Key::O).0, None);
    let photo = id_of(&s, "p-family");
    let mut pui = PhoneUi {
        app: App::Gallery,
        selected: Some(photo),
        ..Default::default()
    };
    assert_eq!(
        frame(&s, &mut pui, Key::O).0,
        Some(Action::Read { item: photo })
    );
}

/// Each app on the phone's home has a drawn icon of its own; the screenshot log's camera
/// shows its red light.
#[test]
fn every_app_has_its_own_icon() {
    let drawn = |app: App| {
        let ctx = egui::Context::default();
        let mut shapes = Vec::new();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let p = ui.painter();
            let r = egui::Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(30.0, 30.0));
            app_icon(p, r, app);
        });
        out.textures_delta.clear();
        for c in out.shapes {
            shapes.push(format!("{:?}", c.shape));
        }
        shapes
    };
    let icons: Vec<Vec<String>> = APPS.iter().map(|(a, _, _)| drawn(*a)).collect();
    for (i, (app, _, _)) in APPS.iter().enumerate() {
        assert!(icons[i].len() >= 2, "{app:?} has an icon");
        for j in 0..i {
            assert_ne!(icons[i], icons[j], "{app:?} and {:?}", APPS[j].0);
        }
    }
    let trace = icons[APPS.iter().position(|a| a.0 == App::Trace).unwrap()].join(" ");
    assert!(
        trace.contains("#DC_3C_3C"),
        "the red light (220, 60, 60): {trace}"
    );
}

/// A screen reader can find the phone's apps: with AccessKit on (as bevy_egui turns it
/// on for the desktop window), each tile on the home is a button named for its app, in
/// the player's language.
#[test]
fn the_phone_apps_are_buttons_a_screen_reader_can_name() {
    use egui::accesskit::Role;
    let s = game();
    let tr = Tr::load();
    for lang in [Lang::En, Lang::Ko] {
        let ctx = egui::Context::default();
        super::super::setup(&ctx);
        ctx.enable_accesskit();
        let mut pui = PhoneUi::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |root| {
            egui::CentralPanel::default().show(root, |ui| {
                draw(
                    ui,
                    &View {
                        lang,
                        ..view(&s, &tr)
                    },
                    &mut pui,
                );
            });
        });
        out.textures_delta.clear();
        let tree = out
            .platform_output
            .accesskit_update
            .expect("an AccessKit tree");
        let buttons: Vec<String> = tree
            .nodes
            .iter()
            .filter(|(_, n)| n.role() == Role::Button)
            .filter_map(|(_, n)| n.label().map(str::to_string))
            .collect();
        for (_, key, _) in APPS {
            let name = tr.get(lang, key);
            assert!(
                buttons.iter().any(|b| b == name),
                "{lang:?}: no button named {name:?} in {buttons:?}"
            );
        }
    }
}

/// The phone in an inspector's hands once searched lists what they found, each with ⚠, its
/// name and where on the phone it is (issue 35: the list under the stop's picture moved to
/// the phone he holds, as the picture shows it), and says so when they found nothing.
#[test]
fn the_phone_in_his_hand_lists_what_they_found() {
    let mut s = game();
    let sunok = id_of(&s, "c-sunok");
    s.inspection = Some(Inspection {
        stage: Stage::Searched,
        found_items: vec![sunok],
        found_shots: Vec::new(),
        severity: 1,
        ..Inspection::new(0, s.place, false)
    });
    let tr = Tr::load();
    let name = s
        .item_name(s.item(sunok).expect("Sun-ok"))
        .get(Lang::En)
        .to_string();
    assert_eq!(
        found_lines(&s, &tr, Lang::En),
        vec![format!("{name} · {}", tr.get(Lang::En, "phone.contacts"))]
    );
    let mut pui = PhoneUi {
        app: App::Found,
        ..Default::default()
    };
    let shown = texts(&s, &mut pui);
    assert!(
        shown.iter().any(|t| t == tr.get(Lang::En, "insp.found")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("⚠ ") && t.contains(&name)),
        "{shown:?}"
    );
    if let Some(i) = s.inspection.as_mut() {
        i.found_items.clear();
    }
    let shown = texts(&s, &mut pui);
    assert!(
        shown
            .iter()
            .any(|t| t == tr.get(Lang::En, "insp.found_nothing")),
        "{shown:?}"
    );
}
