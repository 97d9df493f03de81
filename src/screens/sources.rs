//! The sources: every fact card with its source, over whatever screen is open (Shift+F8, or from
//! the title).

use super::shared::{Shared, card_block};
use super::*;
use crate::rules::FactCatalog;
use crate::session::Session;
use crate::ui;
use bevy_egui::egui::{self, Key};

/// The fact catalog for the title, before any game is loaded (read once, when first shown).
#[derive(Resource, Default)]
struct Catalog(Option<FactCatalog>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Catalog>()
        .add_systems(OnEnter(Overlay::Sources), read_catalog)
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(over(Overlay::Sources)),
        );
}

fn read_catalog(mut cat: ResMut<Catalog>, session: Option<Res<Session>>) {
    if cat.0.is_some() || session.is_some() {
        return;
    }
    let path = crate::content::levels_dir().join("facts.ron");
    cat.0 = crate::content::read_text(&path)
        .ok()
        .and_then(|src| crate::rules::parse_catalog("facts.ron", &src).ok());
}

fn draw(mut g: Shared, own: Res<Catalog>) -> Result {
    let ctx = g.ctx()?;
    let mut root = ui::root(&ctx);
    let catalog = g
        .session
        .as_ref()
        .map(|s| &s.state().world.catalog)
        .or(own.0.as_ref());
    let mut back = false;
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui::heading(ui, &g.t("sources.heading"));
        back = ui::key_button(ui, Key::Escape, &g.t("settings.back"));
        ui.add_space(8.0);
        egui::ScrollArea::vertical().show(ui, |ui| {
            // The game's own level first: its dated exchange rates, each with its source, and
            // the gap across which the game draws a line between two of them.
            if let Some(s) = g.session.as_ref() {
                rates(ui, &g, s.state().lv());
                ui.add_space(8.0);
            }
            if let Some(cat) = catalog {
                for card in &cat.cards {
                    card_block(ui, &g, cat, card, ui::BODY + 1.0);
                    ui.add_space(8.0);
                }
            }
        });
    });
    if back {
        g.send(Do::Open(Overlay::None));
    }
    Ok(())
}

/// The level's exchange rates as the game uses them: each dated survey with its source
/// number, and the longest gap it draws a straight line across.
fn rates(ui: &mut egui::Ui, g: &Shared, lv: &crate::rules::Level) {
    ui::subheading(ui, &g.t("sources.rates"));
    for p in &lv.exchange.series {
        ui.label(g.tf(
            "sources.rate",
            &[
                ("date", g.tr.date(g.lang(), p.date)),
                ("usd", crate::rules::won(p.usd)),
                ("cny", crate::rules::won(p.cny)),
                ("source", p.source.to_string()),
            ],
        ));
    }
    ui.label(
        egui::RichText::new(g.tf(
            "sources.rates_gap",
            &[("days", lv.exchange.max_gap_days.to_string())],
        ))
        .size(ui::SMALL)
        .color(ui::dim(ui)),
    );
}
