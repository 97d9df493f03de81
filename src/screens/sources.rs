//! The sources: every fact card with its source, over whatever screen is open (Shift+F8, or from
//! the title).

use super::shared::{Shared, View, card_block};
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
    let mut did = None;
    egui::CentralPanel::default().show(&mut root, |ui| did = body(ui, &g.view(), own.0.as_ref()));
    if let Some(d) = did {
        g.send(d);
    }
    Ok(())
}

/// Every fact card with its source (the game's own level's, or `own`, read for the title),
/// and the level's dated exchange rates first; Esc back.
fn body(ui: &mut egui::Ui, g: &View, own: Option<&FactCatalog>) -> Option<Do> {
    let catalog = g.session.map(|s| &s.state().world.catalog).or(own);
    ui::heading(ui, &g.t("sources.heading"));
    let back = ui::key_button(ui, Key::Escape, &g.t("settings.back"));
    ui.add_space(8.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        // The game's own level first: its dated exchange rates, each with its source, and
        // the gap across which the game draws a line between two of them.
        if let Some(s) = g.session {
            rates(ui, g, s.state().lv());
            ui.add_space(8.0);
        }
        if let Some(cat) = catalog {
            for card in &cat.cards {
                card_block(ui, g, cat, card, ui::BODY + 1.0);
                ui.add_space(8.0);
            }
        }
    });
    back.then_some(Do::Open(Overlay::None))
}

/// The level's exchange rates as the game uses them: each dated survey with its source
/// number, and the longest gap it draws a straight line across.
fn rates(ui: &mut egui::Ui, g: &View, lv: &crate::rules::Level) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::Lang;
    use crate::screens::shared::{frame, names};

    /// In a game: its level's dated rates, each with its source, and its fact cards, each
    /// with its source line; Esc closes the page.
    #[test]
    fn the_sources_show_each_rate_and_card_with_its_source() {
        let s = Session::new("01", 7).expect("level 1");
        let tr = Tr::load();
        for lang in [Lang::En, Lang::Ko] {
            let mut st = Settings::default();
            st.prefs.lang = lang;
            let v = View::new(&tr, &st, Some(&s));
            let mut did = None;
            let out = frame(&[], true, |ui| did = body(ui, &v, None));
            assert_eq!(did, None);
            let shown = names(&out);
            let cat = &s.state().world.catalog;
            let first = &cat.cards[0];
            let source = crate::screens::shared::source_line(&tr, lang, cat, first);
            assert!(shown.contains(&source), "{lang:?}: {source} in {shown:?}");
            let rates = s.state().lv().exchange.series.len();
            let tag = tr.get(lang, "sources.rates").to_string();
            assert!(shown.contains(&tag) && rates >= 2, "{shown:?}");
            frame(&[Key::Escape], false, |ui| did = body(ui, &v, None));
            assert_eq!(did, Some(Do::Open(Overlay::None)));
        }
    }
}
