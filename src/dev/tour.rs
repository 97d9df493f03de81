//! The screenshot tour: the game's screens one after another (or its scenes, or the class
//! view's pages, or the glyph probe's moments), each set up as a player would reach it and
//! photographed once it has settled.

use super::glyphs::GlyphsTo;
use super::scenes::{moment_happens, scene};
use crate::rules::{Action, Currency, Lang};
use crate::screens::{self, Do, Screen, Settings, handle};
use crate::session::Session;
use crate::ui::phone::{App as PhoneApp, PhoneUi};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use std::path::PathBuf;

#[derive(Resource)]
pub(super) struct Tour {
    pub(super) dir: PathBuf,
    pub(super) steps: Vec<String>,
    pub(super) step: usize,
    pub(super) frame: u32,
}

/// The screens of the tour, in order; each is reached from the one before by the choices a
/// player would make (the same [`handle`] their keys go through).
pub const STEPS: [&str; 22] = [
    "title",
    "levels",
    "notice",
    "briefing",
    "morning",
    "phone-messages",
    "street",
    "place",
    "phone-trace",
    "fact-card",
    "inspection-stopped",
    "inspection-found",
    "inspection-outcome",
    "evening",
    "morning-thin",
    "settings-korean",
    "sources",
    "last-evening",
    "ending",
    "debrief",
    "check-after",
    "class-sample",
];

/// The class view's tour (`tour --class-view FILES`): the whole view, then its pages in
/// projector mode (a page past the last shows the last).
pub fn class_steps() -> Vec<String> {
    std::iter::once("class".to_string())
        .chain((1..=14).map(|n| format!("class-page-{n}")))
        .collect()
}

/// Frames a step settles before its screenshot (fewer change the pictures: a card fading in,
/// the fonts' atlas growing); the shot is saved within the next 2.
const SETTLE: u32 = 12;

/// The frame at which a moment's change happens (the screen has seen how it was before).
const MOMENT_AT: u32 = 4;

pub(super) fn tour(world: &mut World) {
    let frame = {
        let mut t = world.resource_mut::<Tour>();
        t.frame += 1;
        t.frame
    };
    let (name, step, dir) = {
        let t = world.resource::<Tour>();
        (t.steps.get(t.step).cloned(), t.step, t.dir.clone())
    };
    let Some(name) = name else {
        // The last screenshot is saved by then.
        if frame > 20 {
            super::end_run(true);
        }
        return;
    };
    if frame == 1 {
        // Moments are still in the tour's pictures but for those of the moments.
        let pin = name.starts_with("moment-").then_some(0.45);
        world.insert_resource(crate::ui::motion::Pinned(pin));
        let before = world.get_resource::<Session>().map(progress);
        if let Some(n) = name.strip_prefix("probe-") {
            world.resource_mut::<crate::ui::probe::Probe>().phase = n.parse().unwrap_or(0);
        } else if !scene(world, &name) {
            setup(world, &name);
        }
        heard_as_one_frame(world, before);
    } else if frame == MOMENT_AT {
        moment_happens(world, &name);
    } else if frame == SETTLE {
        let path = dir.join(format!("{:02}-{name}.png", step + 1));
        world
            .commands()
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
        world.insert_resource(GlyphsTo(dir.join(format!("{:02}-{name}.glyphs", step + 1))));
    } else if frame >= SETTLE + 2 {
        let mut t = world.resource_mut::<Tour>();
        t.step += 1;
        t.frame = 0;
    }
}

/// How far a game has come: (actions, days begun).
fn progress(s: &Session) -> (usize, usize) {
    (s.log().len(), s.day_starts().len())
}

/// A step's setup plays many actions in one frame, as no player can: what is heard is what
/// a player arriving at the step hears, the last action's sounds (and the night's, when a
/// day began), not every sound of the way there at once. A new game, or one played to an
/// earlier point, is silent, as a restored game is.
fn heard_as_one_frame(world: &mut World, before: Option<(usize, usize)>) {
    use crate::screens::Happened;
    use bevy::ecs::message::Messages;
    let Some(mut told) = world.get_resource_mut::<Messages<Happened>>() else {
        return;
    };
    told.drain().for_each(drop);
    let (Some(s), Some(was)) = (world.get_resource::<Session>(), before) else {
        return;
    };
    let now = progress(s);
    if now == was || now.0 < was.0 || now.1 < was.1 {
        return;
    }
    let mut events = s.last().to_vec();
    if now.1 > was.1 {
        // The night's news; its screenshots are the next morning's, not clicked now.
        let night = s
            .morning()
            .iter()
            .filter(|e| !matches!(e, crate::rules::Event::Screenshot { .. }));
        events.extend(night.cloned());
    }
    world.write_message(Happened(events));
}

pub(super) fn act(world: &mut World, a: Action) {
    handle(world, Do::Act(a));
}

/// Reads every fact card waiting, as a player pressing Space would.
pub(super) fn read_cards(world: &mut World) {
    let n = world
        .get_resource::<Session>()
        .map_or(0, |s| s.fact_queue().len());
    for _ in 0..n {
        handle(world, Do::CloseCard);
    }
}

/// Plays the quickest way on (each day ended at once, a stop's phone handed over) until
/// `done` holds (200 actions at most).
fn play_until(world: &mut World, done: impl Fn(&crate::rules::GameState) -> bool) {
    for _ in 0..200 {
        let s = &session(world).state();
        if done(s) {
            return;
        }
        let a = if s.inspection.is_some() {
            Action::HandOver
        } else {
            Action::EndDay
        };
        act(world, a);
    }
}

pub(super) fn session(world: &World) -> &Session {
    world.resource::<Session>()
}

fn place(world: &World, id: &str) -> u16 {
    session(world)
        .state()
        .lv()
        .places
        .iter()
        .position(|p| p.id == id)
        .unwrap_or(0) as u16
}

fn switch_language(world: &mut World) {
    let mut st = world.resource::<Settings>().clone();
    st.prefs.lang = match st.prefs.lang {
        crate::rules::Lang::En => crate::rules::Lang::Ko,
        crate::rules::Lang::Ko => crate::rules::Lang::En,
    };
    handle(world, Do::Set(Box::new(st)));
}

/// A new game from the notice, its first card read.
pub(super) fn new_game(world: &mut World) {
    handle(world, Do::NewGame);
    read_cards(world);
}

fn phone(world: &mut World, app: PhoneApp, selected: Option<u32>) {
    let mut p = world.resource::<PhoneUi>().clone();
    p.app = app;
    p.selected = selected;
    world.resource_mut::<PhoneUi>().set_if_neq(p);
}

fn setup(world: &mut World, step: &str) {
    match step {
        "title" => handle(world, Do::Go(Screen::Title)),
        "class" => handle(world, Do::Go(Screen::Class)),
        page if page.starts_with("class-page-") => {
            let n: usize = page["class-page-".len()..].parse().unwrap_or(1);
            let mut room = world.resource_mut::<screens::ClassRoom>();
            room.projector = true;
            room.page = n - 1;
        }
        "levels" => handle(world, Do::Go(Screen::Levels)),
        "notice" => handle(world, Do::Go(Screen::Notice)),
        "briefing" => new_game(world),
        "morning" => handle(world, Do::Go(Screen::Morning)),
        "phone-messages" => {
            let id = session(world)
                .state()
                .phone
                .items
                .iter()
                .find(|i| i.kind == crate::rules::ItemKind::Thread)
                .map(|i| i.id);
            phone(world, PhoneApp::Messages, id);
        }
        "street" => {
            phone(world, PhoneApp::Home, None);
            handle(world, Do::Go(Screen::Street));
            let street = place(world, "street");
            act(world, Action::Travel { to: street });
        }
        "place" => {
            let market = place(world, "market");
            act(world, Action::Travel { to: market });
            let wait = crate::rules::MARKET_OPEN.saturating_sub(session(world).state().minute);
            if wait > 0 {
                act(world, Action::Wait { minutes: wait });
            }
            handle(world, Do::Go(Screen::Place));
            let buy = Action::Buy {
                good: 0,
                qty: 10,
                currency: Currency::Won,
            };
            act(world, buy);
            // The phone's price notebook beside the trade (it must stay inside the phone).
            phone(world, PhoneApp::Prices, None);
        }
        "phone-trace" => {
            let ids: Vec<u32> = session(world)
                .state()
                .phone
                .items
                .iter()
                .filter(|i| i.flags != 0)
                .map(|i| i.id)
                .collect();
            for id in ids.iter().take(4) {
                for _ in 0..3 {
                    act(world, Action::Read { item: *id });
                }
            }
            read_cards(world);
            phone(world, PhoneApp::Trace, None);
            handle(world, Do::Go(Screen::Street));
        }
        "fact-card" => {
            // The screenshot log's card again, as it shows the first time.
            let mut s = world.resource_mut::<Session>();
            s.unmeet("trace-viewer");
            s.meet("trace-viewer");
        }
        _ => setup_later(world, step),
    }
}

/// The check after the game, its first question (of the form this game answers after)
/// answered with the card's answer: the card is shown.
fn check_after(world: &mut World) {
    handle(world, Do::Check(crate::check::Phase::After));
    let first = world.get_resource::<Session>().and_then(|s| {
        let tr = crate::i18n::Tr::load();
        let form = s.check_form(crate::check::Phase::After);
        let q = crate::check::questions(&s.state().world, form, Lang::En, &tr)
            .into_iter()
            .next()?;
        Some((q.id, q.right? as u8))
    });
    if let Some((id, right)) = first {
        handle(world, Do::Answer(crate::check::Phase::After, id, right));
        world.resource_mut::<screens::CheckUi>().answered = Some(right);
    }
}

/// The tour from the first stop to the debrief.
fn setup_later(world: &mut World, step: &str) {
    match step {
        "inspection-stopped" => {
            read_cards(world);
            let (home, street) = (place(world, "home"), place(world, "street"));
            // Walk until someone stops her (the seed fixes when).
            for _ in 0..400 {
                let here = session(world).state().place;
                let to = if here == street { home } else { street };
                act(world, Action::Travel { to });
                let s = session(world);
                if s.state().inspection.is_some() || s.state().ending.is_some() {
                    break;
                }
            }
            read_cards(world);
        }
        "inspection-found" => {
            act(world, Action::Refuse);
            read_cards(world);
        }
        "inspection-outcome" => {
            if session(world).state().inspection.is_some() {
                act(world, Action::HandOver);
            }
            read_cards(world);
        }
        "evening" => {
            new_game(world);
            handle(world, Do::Go(Screen::Street));
            // A memory deleted today: the evening says who looked for it.
            let school = session(world)
                .state()
                .phone
                .items
                .iter()
                .find(|i| session(world).state().world.specs[i.spec as usize].id == "p-school")
                .map(|i| i.id);
            if let Some(item) = school {
                act(world, Action::Delete { item });
            }
            act(world, Action::EndDay);
            read_cards(world);
            // The gallery beside the evening: what is in each picture, the home video with
            // the portraits on the wall selected.
            let video = session(world)
                .state()
                .phone
                .items
                .iter()
                .find(|i| i.has(crate::rules::Flag::Portrait))
                .map(|i| i.id);
            // Opened: the video drawn large, the portraits on the wall behind the table.
            if let Some(item) = video {
                act(world, Action::Read { item });
                read_cards(world);
            }
            phone(world, PhoneApp::Gallery, video);
        }
        // Porridge two evenings running, at home: the morning after, the youngest has
        // fallen ill, and the faces and the words say so.
        "morning-thin" => {
            phone(world, PhoneApp::Home, None);
            act(
                world,
                Action::SetMeals {
                    meals: crate::rules::Meals {
                        grain: crate::rules::Grain::Porridge,
                        count: 2,
                    },
                },
            );
            // (The rules are on the next morning already: two days at home, two evenings.)
            for _ in 0..2 {
                act(world, Action::EndDay);
                read_cards(world);
            }
            handle(world, Do::Go(Screen::Morning));
        }
        // These two show the other language, then switch back.
        "settings-korean" => {
            switch_language(world);
            handle(world, Do::Open(screens::Overlay::Settings));
            // With the player's keys open: what each does and the key that does it.
            world.resource_mut::<screens::SettingsUi>().keys_open = true;
        }
        "sources" => {
            switch_language(world);
            handle(world, Do::Open(screens::Overlay::Sources));
        }
        // The last day's evening, before the ending: the ledger, the family at the table,
        // what they still ask for, and no tomorrow to plan.
        "last-evening" => {
            handle(world, Do::Open(screens::Overlay::None));
            new_game(world);
            handle(world, Do::Go(Screen::Street));
            play_until(world, |s| s.last_evening || s.ending.is_some());
            // (Past any stop's outcome, as her Enter would go.)
            if session(world).state().last_evening {
                handle(world, Do::Go(Screen::Evening));
            }
            read_cards(world);
        }
        // To bed on the last evening: the ending.
        "ending" => {
            handle(world, Do::Open(screens::Overlay::None));
            play_until(world, |s| s.ending.is_some());
            // Past the last inspection's outcome, as her Enter would go.
            handle(world, Do::LeaveInspection);
            read_cards(world);
        }
        "debrief" => handle(world, Do::Go(Screen::Debrief)),
        // The check after the game, its first question answered: the card is shown.
        "check-after" => check_after(world),
        // The class view with the sample class (five sessions by the simulator's styles).
        "class-sample" => {
            let tr = crate::i18n::Tr::load();
            let class = crate::report::sample_class("01", "SAMPLE", Some(5), Lang::En, &tr);
            for (style, _, r) in class.into_iter().flatten() {
                if let Ok(json) = r.to_json() {
                    world
                        .resource_mut::<crate::platform::ClassFiles>()
                        .push(format!("{}.json", style.name()), json);
                }
            }
            handle(world, Do::Go(Screen::Class));
        }
        _ => {}
    }
}
