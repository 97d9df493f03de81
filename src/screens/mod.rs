//! Screens: one file per screen, each with its own plugin, its own small state and a draw
//! system that runs only in its state. A draw reads and returns what the player chose as a
//! [`Do`]; [`handle`] carries it out after drawing (the rules through the session, the next
//! screen from the session's [`Scene`]). The tour takes the same path.
//! What every screen shares (status bar, phone panel, fact card, global keys) is in
//! [`shared`].

mod briefing;
mod check;
mod class;
mod debrief;
mod ending;
mod evening;
mod inspection;
mod levels;
mod morning;
mod notice;
mod place;
mod reading;
mod settings;
pub mod shared;
mod sources;
mod street;
mod title;

use crate::rules::Action;
use crate::session::{Scene, Session};
pub use crate::ui::fonts;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::EguiPrimaryContextPass;
pub use check::CheckUi;
pub use class::ClassRoom;
pub use notice::Chosen as NoticeChoice;
pub use place::trade_scene;
pub use settings::SettingsUi;
pub use shared::{Intensity, KeptPrefs, Note, Settings, TextSpeed};
pub use street::Walking;

#[derive(States, Default, Clone, Copy, Eq, PartialEq, Hash, Debug)]
pub enum Screen {
    #[default]
    Title,
    Levels,
    Notice,
    Briefing,
    Morning,
    Street,
    Place,
    Inspection,
    Evening,
    Ending,
    Debrief,
    /// The class's before/after check (`crate::check`).
    Check,
    /// The class's reading arm: the level's story and cards instead of play.
    Reading,
    /// The facilitator's class view: many reports, charts, projector mode.
    Class,
}

impl Screen {
    /// The screens of a game in progress (they need a session).
    fn in_game(self) -> bool {
        !matches!(
            self,
            Screen::Title | Screen::Levels | Screen::Notice | Screen::Class
        )
    }

    /// The screens of the day, where fact cards are shown (not over the briefing, the
    /// ending or the debrief).
    pub(super) fn of_the_day(self) -> bool {
        matches!(
            self,
            Screen::Morning | Screen::Street | Screen::Place | Screen::Inspection | Screen::Evening
        )
    }

    fn scene(self) -> Option<Scene> {
        match self {
            Screen::Street | Screen::Place => Some(Scene::Town),
            Screen::Inspection => Some(Scene::Inspection),
            Screen::Evening => Some(Scene::Evening),
            Screen::Ending => Some(Scene::Ending),
            _ => None,
        }
    }

    fn of(scene: Scene) -> Screen {
        match scene {
            Scene::Town => Screen::Street,
            Scene::Inspection => Screen::Inspection,
            Scene::Evening => Screen::Evening,
            Scene::Ending => Screen::Ending,
        }
    }
}

/// What an action of the rules gave, told once to whoever follows the game (the sounds and
/// their captions, and through them the screen reader), written by [`handle`] as the action
/// is carried out: nobody polls the session to find out. A new game, a restored one or a
/// restarted day writes none (they begin silently).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct Happened(pub Vec<crate::rules::Event>);

/// What opens over any screen, the game or the title, and closes back to it.
#[derive(States, Default, Clone, Copy, Eq, PartialEq, Hash, Debug)]
pub enum Overlay {
    #[default]
    None,
    Settings,
    Sources,
}

/// What the player chose on a screen, carried out by [`handle`] after drawing.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Do {
    /// An action of the rules; the next screen follows from what happened.
    Act(Action),
    Go(Screen),
    Open(Overlay),
    /// A new game with the settings' level, seed, class code and days.
    NewGame,
    /// The saved game.
    Continue,
    /// The saved game from the start of this (0-based) day.
    Restart(usize),
    /// She goes on after an inspection's outcome.
    LeaveInspection,
    /// The fact card on screen was read.
    CloseCard,
    /// Back to the title from the debrief: the game is over.
    EndGame,
    /// The before/after check opens at its first question.
    Check(crate::check::Phase),
    /// Weeks after a class session: the check alone, on this machine's game of the class
    /// where there is one.
    LaterCheck,
    /// An answer of the check: the question's id and the answer.
    Answer(crate::check::Phase, String, u8),
    /// The check is over (answered or skipped): kept in the save; on to the briefing, or
    /// back to the debrief.
    FinishCheck(crate::check::Phase),
    /// The class-code field takes the keyboard (or lets it go).
    FocusCode(bool),
    /// The settings changed.
    Set(Box<Settings>),
    /// A line for the message bar (None clears it).
    Say(Option<String>),
    Quit,
}

/// The order of a frame's interface work.
#[derive(SystemSet, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Pass {
    /// Fonts, zoom, keys that work everywhere.
    Global,
    /// The screen (or the overlay) on show.
    Screen,
    /// Over the screen: the fact card.
    Over,
    /// The player's choices carried out.
    Handle,
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_state::<Overlay>()
        .add_message::<Do>()
        .add_message::<Happened>()
        .configure_sets(
            EguiPrimaryContextPass,
            (Pass::Global, Pass::Screen, Pass::Over, Pass::Handle).chain(),
        )
        .add_systems(EguiPrimaryContextPass, perform.in_set(Pass::Handle))
        .add_plugins((
            shared::plugin,
            title::plugin,
            levels::plugin,
            notice::plugin,
            settings::plugin,
            sources::plugin,
            briefing::plugin,
            morning::plugin,
            street::plugin,
            place::plugin,
            inspection::plugin,
            evening::plugin,
            ending::plugin,
            debrief::plugin,
            (check::plugin, class::plugin, reading::plugin),
        ));
}

/// Run condition: this screen is on show (no overlay over it).
fn on(screen: Screen) -> impl FnMut(Res<State<Screen>>, Res<State<Overlay>>) -> bool + Clone {
    move |s: Res<State<Screen>>, o: Res<State<Overlay>>| {
        *s.get() == screen && *o.get() == Overlay::None
    }
}

/// Run condition: this overlay is open.
fn over(overlay: Overlay) -> impl FnMut(Res<State<Overlay>>) -> bool + Clone {
    move |o: Res<State<Overlay>>| *o.get() == overlay
}

/// Carries out what the screens chose this frame, and asks for the frame that shows it.
fn perform(world: &mut World) {
    let chosen: Vec<Do> = world.resource_mut::<Messages<Do>>().drain().collect();
    if chosen.is_empty() {
        return;
    }
    for d in chosen {
        handle(world, d);
    }
    world.write_message(RequestRedraw);
}

fn go(world: &mut World, to: Screen) {
    let to = if to.in_game() && !world.contains_resource::<Session>() {
        Screen::Title
    } else {
        to
    };
    // The morning, however it is reached (the evening's Enter, a restarted day): the night
    // is over, and the rules' clock is the morning's again.
    if to == Screen::Morning
        && let Some(mut s) = world.get_resource_mut::<Session>()
        && s.state().evening.is_some()
    {
        let ev = s.act(crate::rules::Action::Morning);
        world.write_message(Happened(ev));
    }
    if showing(world) != to {
        NextState::set_if_different(&mut *world.resource_mut::<NextState<Screen>>(), to);
        // A refusal ("× That is already its name.") was about the screen being left.
        if let Some(mut s) = world.get_resource_mut::<Session>()
            && matches!(s.last()[..], [crate::rules::Event::Rejected(_)])
        {
            s.forget_refusal();
        }
        // Where she is now is kept: a reload opens here (the evening after a stop too).
        if to.in_game() {
            keep(world);
        }
    }
}

/// The screen that will show next (a change this frame counts).
fn showing(world: &World) -> Screen {
    match world.resource::<NextState<Screen>>() {
        NextState::Pending(s) | NextState::PendingIfDifferent(s) => *s,
        NextState::Unchanged => *world.resource::<State<Screen>>().get(),
    }
}

fn say(world: &mut World, text: Option<String>) {
    world.resource_mut::<Note>().set_if_neq(Note(text));
}

/// Saves the game as it stands, with where the player is (issue 30: a reload or a closed
/// tab loses nothing). A failure is said on the message line, and cleared by the next save
/// that works.
fn keep(world: &mut World) {
    // (The check alone, weeks later, is no game: the machine's save stays as it was.)
    let Some(s) = world.get_resource::<Session>().filter(|s| !s.alone()) else {
        return;
    };
    let at = match showing(world) {
        Screen::Street => "town",
        Screen::Place => "trade",
        Screen::Evening => "evening",
        // A stop's outcome still on screen: where it leads.
        Screen::Inspection if s.state().inspection.is_none() => match s.scene_after_inspection() {
            crate::session::Scene::Evening => "evening",
            crate::session::Scene::Town => "town",
            _ => "",
        },
        _ => "",
    };
    let mut save = s.save();
    save.at = at.into();
    let written = crate::platform::write(&save);
    let failed = morning::save_failed(written);
    let mut note = world.resource_mut::<Note>();
    match failed {
        Some(m) => {
            note.set_if_neq(Note(Some(m)));
        }
        None if note.0.as_deref().is_some_and(morning::is_save_failure) => {
            note.set_if_neq(Note(None));
        }
        None => {}
    }
}

/// A new game takes the stage: cards follow the settings.
fn begin(world: &mut World, mut s: Session, to: Screen) {
    // A line left from before (the class view's handouts, an import) is not this game's.
    say(world, None);
    if !world.resource::<Settings>().prefs.facts {
        s.close_card(true);
    }
    world.insert_resource(s);
    go(world, to);
}

/// Carries out one choice: the single path from a key press (or the tour) to the rules and
/// the next screen.
pub fn handle(world: &mut World, d: Do) {
    match d {
        Do::Act(a) => {
            let from = showing(world).scene();
            let facts = world.resource::<Settings>().prefs.facts;
            let Some(mut s) = world.get_resource_mut::<Session>() else {
                return;
            };
            let logged = s.log().len();
            let ev = s.act(a);
            let acted = s.log().len() != logged;
            if !facts && !s.fact_queue().is_empty() {
                s.close_card(true);
            }
            if acted {
                world.write_message(Happened(ev.clone()));
            }
            let Some(s) = world.get_resource::<Session>() else {
                return;
            };
            let moved = match s.scene_after(&ev, from) {
                Some(scene) => {
                    let to = Screen::of(scene);
                    let moved = showing(world) != to;
                    go(world, to);
                    moved
                }
                None => false,
            };
            // (A change of screen has saved already, in `go`.)
            if acted && !moved {
                keep(world);
            }
        }
        Do::Go(to) => go(world, to),
        Do::Open(o) => {
            NextState::set_if_different(&mut *world.resource_mut::<NextState<Overlay>>(), o);
        }
        Do::NewGame => start_new_game(world),
        Do::Continue => continue_game(world),
        Do::Restart(day) => {
            let Some(save) = world.get_resource::<Session>().map(Session::save) else {
                return;
            };
            match Session::restore(&save, Some(day)) {
                Ok(s) => begin(world, s, Screen::Morning),
                Err(e) => say(world, Some(e)),
            }
        }
        Do::LeaveInspection => {
            if let Some(s) = world.get_resource::<Session>() {
                let to = Screen::of(s.scene_after_inspection());
                go(world, to);
            }
        }
        Do::CloseCard => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.close_card(false);
            }
        }
        Do::EndGame => {
            say(world, None);
            world.remove_resource::<Session>();
            go(world, Screen::Title);
        }
        Do::Check(phase) => {
            world.insert_resource(check::CheckUi {
                phase,
                at: 0,
                answered: None,
            });
            go(world, Screen::Check);
        }
        Do::Answer(phase, id, a) => {
            if let Some(mut s) = world.get_resource_mut::<Session>() {
                s.answer(phase, &id, a);
            }
            // Kept at once: a student who closes the window mid-check loses nothing.
            keep(world);
        }
        Do::FinishCheck(phase) => finish_check(world, phase),
        Do::LaterCheck => later_check(world),
        Do::Say(text) => say(world, text),
        Do::FocusCode(on) => world.resource_mut::<settings::SettingsUi>().focus_code = on,
        Do::Set(st) => {
            world.resource_mut::<Settings>().set_if_neq(*st);
        }
        Do::Quit => {
            world.write_message(AppExit::Success);
        }
    }
}

/// A new game with the settings' level, seed, class code and days, at the intensity chosen
/// on the notice (or the facilitator's); the check first where the class has one.
fn start_new_game(world: &mut World) {
    let st = world.resource::<Settings>().clone();
    // The notice screen's choice holds for this game only; the facilitator's setting
    // otherwise (and always when it is locked).
    let chosen = world
        .remove_resource::<notice::Chosen>()
        .filter(|_| !st.prefs.lock_intensity)
        .map_or(st.prefs.intensity, |c| c.0);
    match Session::for_class(
        &st.setup.level,
        st.setup.seed,
        &st.setup.class_code,
        st.setup.days,
    ) {
        Ok(mut s) => {
            s.identify(
                crate::session::new_id(crate::platform::entropy()),
                chosen == Intensity::Full,
            );
            // The class's reading arm: the story and the cards instead of the game.
            if st.setup.arm.reads(s.class_code(), s.id()) {
                s.read_instead();
            }
            let ask =
                st.setup.check && s.class_code().is_some() && !s.state().lv().check.is_empty();
            let first = if s.reading() {
                Screen::Reading
            } else {
                Screen::Briefing
            };
            world.insert_resource(reading::ReadingUi::default());
            begin(world, s, first);
            if ask {
                handle(world, Do::Check(crate::check::Phase::Before));
            }
        }
        Err(e) => {
            say(world, Some(e));
            go(world, Screen::Title);
        }
    }
}

/// The saved game, where it was left.
fn continue_game(world: &mut World) {
    let restored = match crate::platform::read() {
        Ok(Some(save)) => Session::restore(&save, None).map(|s| (s, save.at)),
        Ok(None) => Err(shared::text(world, "title.no_save")),
        Err(e) => Err(e),
    };
    match restored {
        // A reader's session that is over: nothing to go back to.
        Ok((s, _)) if s.reading() && s.check().done(crate::check::Phase::After) => {
            say(world, Some(shared::text(world, "reading.finished")));
        }
        // A reader's session: back to the pages (or the check before them, not yet done).
        Ok((s, _)) if s.reading() => {
            let before = s.class_code().is_some()
                && world.resource::<Settings>().setup.check
                && !s.check().done(crate::check::Phase::Before);
            world.insert_resource(reading::ReadingUi::default());
            begin(world, s, Screen::Reading);
            if before {
                handle(world, Do::Check(crate::check::Phase::Before));
            }
        }
        Ok((s, at)) => {
            let to = match s.scene_on_continue(&at).map_or(Screen::Morning, Screen::of) {
                // Saved at a trade: back at the stall.
                Screen::Street if at == "trade" => Screen::Place,
                to => to,
            };
            // Left during the check before the first day: back to it, its answers kept.
            let before = s.class_code().is_some()
                && world.resource::<Settings>().setup.check
                && s.log().is_empty()
                && !s.check().done(crate::check::Phase::Before);
            begin(world, s, if before { Screen::Briefing } else { to });
            if before {
                handle(world, Do::Check(crate::check::Phase::Before));
            }
        }
        Err(e) => say(world, Some(e)),
    }
}

/// Weeks after a class session (the title's [L], with the class code set): the check
/// alone. Joined to the student's game of that class where its save is on this machine (the
/// same identity, so the class view pairs it with before and after); otherwise a session of
/// its own that is never saved over the machine's game, reported apart.
fn later_check(world: &mut World) {
    let st = world.resource::<Settings>().clone();
    let Some(code) = crate::content::class_code(&st.setup.class_code) else {
        return;
    };
    let mine = match crate::platform::read() {
        Ok(Some(save))
            if save.class_code.as_deref() == Some(code.as_str()) && !save.id.is_empty() =>
        {
            Session::restore(&save, None).ok()
        }
        _ => None,
    };
    let s = match mine {
        Some(s) => s,
        None => match Session::for_class(&st.setup.level, st.setup.seed, &code, st.setup.days) {
            Ok(mut s) => {
                s.identify(crate::session::new_id(crate::platform::entropy()), false);
                s.check_alone();
                s
            }
            Err(e) => {
                say(world, Some(e));
                return;
            }
        },
    };
    begin(world, s, Screen::Check);
    handle(world, Do::Check(crate::check::Phase::Later));
}

/// The check weeks later is over, or a reader's check after reading: kept in the game's save
/// (when it is the student's game), its report written out for the facilitator, and back
/// to the title with where it went.
fn finish_with_report(world: &mut World) {
    let Some(s) = world.get_resource::<Session>() else {
        return;
    };
    let alone = s.alone();
    let written = if alone {
        Ok(())
    } else {
        crate::platform::write(&s.save())
    };
    let lang = world.resource::<Settings>().prefs.lang;
    let tr = world.resource::<crate::i18n::Tr>();
    let line = written
        .and_then(|()| crate::report::build(&s.state().world, &s.save(), lang, tr))
        .and_then(|mut r| {
            r.check_only = alone;
            crate::platform::export_report(&r, tr)
        })
        .map(|place| {
            let key = if alone {
                "check.later_done_alone"
            } else if s.reading() && !s.check().done(crate::check::Phase::Later) {
                "reading.done_saved"
            } else {
                "check.later_done"
            };
            tr.fmt(lang, key, &[("place", place)])
        });
    let line = match line {
        Ok(l) | Err(l) => l,
    };
    world.remove_resource::<Session>();
    say(world, Some(line));
    go(world, Screen::Title);
}

/// The check is over (answered or skipped): kept in the save; on to the briefing (or the
/// reading), or back to the debrief.
fn finish_check(world: &mut World, phase: crate::check::Phase) {
    let Some(mut s) = world.get_resource_mut::<Session>() else {
        return;
    };
    s.finish_check(phase);
    let reading = s.reading();
    // Weeks later, and a reader's check after reading: the report out, and done.
    if phase == crate::check::Phase::Later || (reading && phase == crate::check::Phase::After) {
        finish_with_report(world);
        return;
    }
    // Kept now: the answers are in the save (and so in the report) at once. (A line
    // about the check still to come is old news now.)
    let written = crate::platform::write(&s.save());
    say(world, written.err());
    go(
        world,
        match phase {
            crate::check::Phase::Before if reading => Screen::Reading,
            crate::check::Phase::Before => Screen::Briefing,
            crate::check::Phase::After | crate::check::Phase::Later => Screen::Debrief,
        },
    );
}
