//! The ending: how her days ended.

use super::shared::Shared;
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Ending)),
    );
}

/// The ending's title and one line, from the translation files.
pub(super) fn ending_text(g: &Shared, e: Ending) -> (String, String) {
    let key = format!("end.{}", e.key());
    let full = format!("{key}.text.full");
    let text = if !g.gentle() && g.tr.has(&full) {
        g.t(&full)
    } else {
        g.t(&format!("{key}.text"))
    };
    (g.t(&key), text)
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let mut next = false;
    let mut root = ui::root(&ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        let e = s.state.ending.unwrap_or(Ending::FamilyFed);
        let (title, text) = ending_text(&g, e);
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.label(
                RichText::new(g.t("ending.heading"))
                    .size(ui::H2)
                    .color(ui::dim()),
            );
            let t = ui.label(RichText::new(&title).size(44.0).strong());
            crate::access::heading(&t, 1);
            ui.add_space(12.0);
            picture(ui, s, e, &g.tf("pic.ending", &[("ending", title.clone())]));
            ui.add_space(12.0);
            ui.label(RichText::new(text).size(ui::H2));
            ui.add_space(20.0);
            let days = s.state.ledgers.len();
            ui.label(
                RichText::new(format!(
                    "{} {} · {}",
                    g.t("common.day"),
                    days.max(1),
                    s.state.lv().start.plus_days(days.max(1) as i32 - 1)
                ))
                .color(ui::dim()),
            );
            ui.add_space(30.0);
            next = ui::key_button(ui, Key::Enter, &g.t("ending.debrief"));
        });
    });
    if next {
        g.go(Screen::Debrief);
    }
    Ok(())
}

/// The ending as a picture of its own (`ui::art::ending_scene`).
fn picture(ui: &mut egui::Ui, s: &crate::session::Session, e: Ending, described: &str) {
    let w = ui.available_width().min(720.0);
    let (rect, pic) = ui.allocate_exact_size(egui::vec2(w, w * 0.33), egui::Sense::hover());
    crate::access::describe(&pic, described);
    let members: Vec<Face> = s.state.lv().family.members.iter().map(|m| m.face).collect();
    ui::art::ending_scene(
        &ui.painter_at(rect),
        rect,
        e,
        &members,
        s.state.home.meals.grain,
    );
}
