//! The fact card over the screens of a day, and a card's source line.

use super::*;

/// The first time a mechanic is met, its fact card, naming its source.
pub(super) fn fact_card(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let Some(session) = g.session.as_ref() else {
        return Ok(());
    };
    let Some(card) = session.card().cloned() else {
        return Ok(());
    };
    let world = session.state().world.clone();
    let cat = &world.catalog;
    let (title, text) = card.shown(g.gentle());
    let full = text.get(lang).to_string();
    let text = g.reveal(&ctx, &full);
    let mut close = false;
    // Modal: the screen behind is dimmed and takes no clicks until the card is closed.
    egui::Modal::new(egui::Id::new("fact-card")).show(&ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(egui::RichText::new(g.t("fact.heading")).color(ui::dim(ui)));
        ui::subheading(ui, title.get(lang));
        // A screen reader has the whole text at once, not the words shown so far.
        let r = ui.label(&text);
        crate::access::name(&r, egui::WidgetType::Label, &full);
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(source_line(&g.tr, lang, cat, &card))
                .size(ui::SMALL)
                .color(ui::dim(ui)),
        );
        ui.add_space(6.0);
        close = ui::key_button(ui, egui::Key::Space, g.tr.get(lang, "fact.ok"));
    });
    if close {
        g.send(Do::CloseCard);
    }
    Ok(())
}

pub fn source_line(tr: &Tr, lang: Lang, cat: &FactCatalog, card: &FactCard) -> String {
    let n = card.source.unwrap_or(0);
    let outlet = cat
        .sources
        .iter()
        .find(|s| s.id == n)
        .map_or("?", |s| s.outlet.get(lang));
    let reported = if card.reported {
        format!(" · {}", tr.get(lang, "sources.reported"))
    } else {
        String::new()
    };
    format!(
        "{} [{n}] {outlet}{reported}",
        tr.get(lang, "sources.source")
    )
}

/// A fact card as a block of text: title, text, and the source line (Sources, debrief).
pub fn card_block(
    ui: &mut egui::Ui,
    g: &View,
    cat: &FactCatalog,
    card: &FactCard,
    title_size: f32,
) {
    let (tr, lang) = (g.tr, g.lang());
    let (title, text) = card.shown(g.gentle());
    ui.label(
        egui::RichText::new(title.get(lang))
            .strong()
            .size(title_size),
    );
    ui.label(text.get(lang));
    ui.label(
        egui::RichText::new(source_line(tr, lang, cat, card))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
}
