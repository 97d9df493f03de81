//! The status bar and the phone panel of the screens of a day.

use super::*;

impl Shared<'_, '_> {
    /// The status line at the top of every screen of the day.
    pub fn status(&self, ui: &mut egui::Ui) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let s = &session.state();
        let lv = s.lv();
        let lang = self.lang();
        // The evening screen is the evening of the day just closed (the rules have already
        // opened the next morning): its date, "evening" for the time, and her money and
        // load as the day closed (before the morning's news and friends).
        let (day, when, wallet, stock) = match self.evening_ledger() {
            Some(l) => (l.day, self.t("common.evening"), l.wallet, l.carried),
            None => (
                s.day,
                format!("{:02}:{:02}", s.minute / 60, s.minute % 60),
                s.wallet,
                s.stock.iter().sum(),
            ),
        };
        // Wrapped: at large text sizes the bar takes two lines rather than cutting its end,
        // each item whole on a line ("load 20 / 60 kg" was broken after "load"). Kept left of
        // the phone's column, where a sound's caption is laid (over it, at 1.5 and twice the
        // text size, the caption covered her place and money).
        let phone =
            ui::phone::panel_width(ui.ctx().content_rect().width(), self.settings.prefs.scale);
        ui.horizontal_wrapped(|ui| {
            // (Here, not on the panel: the panel's own width is held at the window's.)
            ui.set_max_width((ui.available_width() - phone).max(ui.available_width() * 0.5));
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label(
                egui::RichText::new(format!(
                    "{}  {when}",
                    self.tr.date(lang, lv.start.plus_days(day as i32))
                ))
                .size(ui::H2)
                .strong(),
            );
            ui.label(
                egui::RichText::new(self.tr.day_of(lang, day as usize + 1, lv.days as usize))
                    .size(ui::BODY),
            );
            ui.separator();
            ui.label(
                egui::RichText::new(lv.places[s.place as usize].name.get(lang))
                    .size(ui::BODY)
                    .strong(),
            );
            ui.separator();
            ui.label(
                egui::RichText::new(format!(
                    "{}   {}   {}",
                    won(wallet.won),
                    money(Currency::Yuan, wallet.yuan),
                    money(Currency::Usd, wallet.usd)
                ))
                .size(ui::BODY)
                .strong(),
            );
            ui.separator();
            // What she carries against what she can carry.
            ui.label(self.tf(
                "status.load",
                &[("kg", stock.to_string()), ("max", lv.carry_kg.to_string())],
            ));
            ui.style_mut().wrap_mode = None;
            // Long notes are cut at the window's edge (the whole text shows on hover).
            if let Some(m) = &self.message.0 {
                ui.separator();
                ui.add(egui::Label::new(egui::RichText::new(m).color(ui::red(ui))).truncate());
            }
            // What the last action brought that must be read at once: a deal promised for
            // news she forwarded (for tomorrow), or being chased off as a "grasshopper" (what
            // the guards took and what it cost).
            for e in session.last() {
                let name = |good: u16| lv.goods[good as usize].name.get(lang).to_string();
                let (text, colour, strong) = match *e {
                    Event::DealOffered {
                        good,
                        place,
                        permille,
                    } => {
                        let at = lv.places[place as usize].name.get(lang).to_string();
                        let pct = (permille / 10).to_string();
                        let args = [("good", name(good)), ("place", at), ("pct", pct)];
                        (self.tf("status.deal", &args), ui::green(ui), false)
                    }
                    Event::ChasedOff { good, lost } => {
                        let args = [
                            ("kg", lost.to_string()),
                            ("good", name(good)),
                            ("minutes", CHASED_MINUTES.to_string()),
                        ];
                        (self.tf("status.chased", &args), ui::red(ui), true)
                    }
                    // Forwarding has no one to choose: the news goes to those she trades
                    // with, as the traders' calls are (the review found no sign it went).
                    Event::Forwarded { .. } => (self.t("status.forwarded"), ui::green(ui), false),
                    _ => continue,
                };
                ui.separator();
                let text = egui::RichText::new(text).color(colour);
                ui.label(if strong { text.strong() } else { text });
            }
            if let [Event::Rejected(r)] = session.last()[..] {
                ui.separator();
                ui.label(
                    egui::RichText::new(format!("× {}", self.t(ui::reject::key(r))))
                        .color(ui::red(ui))
                        .strong(),
                );
            }
        });
    }

    /// The phone panel at the right of the screens of the day; `held` is the phone as an
    /// inspector holds it (open where their first find is). Its own state is written back
    /// only when it changed.
    pub fn phone_panel(
        &mut self,
        root: &mut egui::Ui,
        keys: bool,
        held: Option<PhoneUi>,
    ) -> Option<Action> {
        let lang = self.lang();
        let session = self.session.as_ref()?;
        let found: Vec<u32> = session
            .state()
            .inspection
            .as_ref()
            .map(|i| i.found_items.clone())
            .unwrap_or_default();
        let view = ui::phone::View {
            s: session.state(),
            tr: &self.tr,
            lang,
            found: &found,
            did: session.did(),
            keys,
            gentle: self.gentle(),
            // The evening's clock while she is home for the evening (an older save's: when
            // she came home).
            clock: session.state().evening.unwrap_or_else(|| {
                self.evening_ledger()
                    .map_or(session.state().minute, |l| l.home_at)
            }),
            esc_releases: *self.screen.get() != Screen::Place,
            held: held.is_some(),
        };
        let mut phone = held.unwrap_or_else(|| self.phone.clone());
        let mut out = None;
        let width = ui::phone::panel_width(root.available_width(), self.settings.prefs.scale);
        egui::Panel::right("phone")
            .exact_size(width)
            .resizable(false)
            .show(root, |ui| {
                ui.add_space(6.0);
                out = ui::phone::draw(ui, &view, &mut phone);
            });
        self.phone.set_if_neq(phone);
        out
    }
}
