//! The ending: how her days ended.

use super::shared::{Shared, View};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Ending), keep).add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Ending)),
    );
}

/// The finished game is saved: Continue opens its ending again, never a day past the last.
fn keep(session: Option<Res<crate::session::Session>>, mut message: ResMut<Note>) {
    if let Some(s) = session
        && let Err(e) = crate::platform::write(&s.save())
    {
        message.set_if_neq(Note(Some(e)));
    }
}

/// An ending's title as the other merchants' endings are named (the debrief's peers).
pub(super) fn ending_title(g: &View, e: Ending) -> String {
    g.t(&format!("end.{}", e.key()))
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let mut did = None;
    let mut root = ui::root(&ctx);
    egui::CentralPanel::default().show(&mut root, |ui| did = body(ui, &g.view()));
    if let Some(d) = did {
        g.send(d);
    }
    Ok(())
}

/// The ending: its title and picture, what it means for the family, the day it came; Enter
/// to the debrief.
fn body(ui: &mut egui::Ui, g: &View) -> Option<Do> {
    let s = g.session?;
    let e = s.state().ending.unwrap_or(Ending::FamilyFed);
    let family = s.state().record.family();
    let (title, text) = crate::report::ending_words(e, family, g.gentle(), g.lang(), g.tr);
    ui.vertical_centered(|ui| {
        ui.add_space(16.0);
        ui.label(
            RichText::new(g.t("ending.heading"))
                .size(ui::H2)
                .color(ui::dim(ui)),
        );
        let t = ui.label(
            RichText::new(&title)
                .size(44.0)
                .family(ui::heading_family()),
        );
        crate::access::heading(&t, 1);
        ui.add_space(12.0);
        // As large as the window leaves it (issue 35), the words and the way on under it.
        let (pic, room) = ui::room::picture(ui, "ending", (200.0, 430.0), 0.36, 1000.0);
        picture(
            ui,
            pic,
            s,
            e,
            &g.tf("pic.ending", &[("ending", title.clone())]),
        );
        ui.add_space(12.0);
        ui.label(RichText::new(text).size(ui::H2));
        ui.add_space(8.0);
        ui.label(RichText::new(crate::report::family_line(family, g.lang(), g.tr)).strong());
        ui.add_space(12.0);
        // The day it ended: an arrest at noon on day 4 is day 4 (its evening never came).
        ui.label(
            RichText::new(format!(
                "{} · {}",
                g.tr.day(g.lang(), s.state().day as usize + 1),
                g.tr.date(g.lang(), s.state().date())
            ))
            .color(ui::dim(ui)),
        );
        ui.add_space(30.0);
        let go = ui::key_button(ui, Key::Enter, &g.t("ending.debrief"));
        room.end(ui);
        go.then_some(Do::Go(Screen::Debrief))
    })
    .inner
}

/// The ending as a picture of its own (`ui::art::ending_scene`).
fn picture(
    ui: &mut egui::Ui,
    pic: egui::Response,
    s: &crate::session::Session,
    e: Ending,
    described: &str,
) {
    let rect = pic.rect;
    crate::access::describe(&pic, described);
    let members: Vec<Face> = s
        .state()
        .lv()
        .family
        .members
        .iter()
        .map(|m| m.face)
        .collect();
    // The phone-loss ending shows the kind of team that took it (issue 31, point 18).
    let lv = s.state().lv();
    let taker = s.inspection_log().iter().find_map(|ev| match ev {
        crate::rules::Event::Stopped { inspector, .. } => lv
            .inspectors
            .get(*inspector as usize)
            .map(|i| ui::art::Uniform::of(i.kind)),
        _ => None,
    });
    ui::art::ending_scene(
        &ui.painter_at(rect),
        rect,
        e,
        &members,
        s.state().home.meals.grain,
        taker,
        u32::from(s.state().day) + 1,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::{Action, Lang};
    use crate::screens::shared::{frame, names};
    use crate::session::Session;

    /// A five-day class game played to its end (every day ended at once): its ending is shown
    /// with its title as the heading and the family's line, and Enter goes to the debrief.
    #[test]
    fn the_ending_names_itself_and_enter_goes_on() {
        let mut s = Session::for_class("01", 7, "MAPLE7", Some(5)).expect("level 1");
        while s.state().ending.is_none() {
            s.close_card(true);
            s.act(Action::EndDay);
        }
        let tr = Tr::load();
        for lang in [Lang::En, Lang::Ko] {
            let mut st = Settings::default();
            st.prefs.lang = lang;
            let v = View::new(&tr, &st, Some(&s));
            let e = s.state().ending.expect("ended");
            let (title, _) =
                crate::report::ending_words(e, s.state().record.family(), v.gentle(), lang, &tr);
            let mut did = None;
            let out = frame(&[], true, |ui| did = body(ui, &v));
            assert_eq!(did, None);
            let shown = names(&out);
            assert!(shown.contains(&title), "{lang:?}: {title} in {shown:?}");
            assert!(shown.iter().any(|n| n.starts_with("[Enter] ")), "{shown:?}");
            let out = frame(&[Key::Enter], false, |ui| did = body(ui, &v));
            drop(out);
            assert_eq!(did, Some(Do::Go(Screen::Debrief)), "{lang:?}");
        }
    }
}
