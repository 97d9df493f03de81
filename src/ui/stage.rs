//! The scene as the page (issue 35: "put the scene first"). Where the page is large enough,
//! a home screen's picture is not a strip between its words: it fills the page edge to edge,
//! and the words lie on it as paper does on a floor, the evening's ledger an open notebook in
//! front of the family. On a smaller page (a larger text size, a narrow window) and in the
//! high-contrast theme the screen is laid out as before, its picture across the page.

use bevy_egui::egui::{self, Color32, Rect, Stroke, pos2, vec2};

/// The least page (in points, the phone's panel aside) laid out as a scene.
pub const STAGE_PAGE: egui::Vec2 = egui::vec2(760.0, 480.0);

/// How far the central panel's content sits inside its edges (egui's central panel frame).
const PANEL_MARGIN: f32 = 8.0;

/// The whole page, edge to edge, when this screen is laid out as a scene: the body's `ui`
/// is the page's own (not yet narrowed), on a page at least [`STAGE_PAGE`].
pub fn page(ui: &egui::Ui) -> Option<Rect> {
    let view = ui.clip_rect();
    let large = ui.available_width() >= STAGE_PAGE.x && view.height() >= STAGE_PAGE.y;
    (large && !super::high_contrast(ui.ctx())).then(|| view.expand(PANEL_MARGIN))
}

/// A painter for the whole page (over the panel's margins, under the status bar's edge).
pub fn painter(ui: &egui::Ui, page: Rect) -> egui::Painter {
    ui.ctx().layer_painter(ui.layer_id()).with_clip_rect(page)
}

/// The notebook's paper and its margin's red.
pub const PAPER: Color32 = Color32::from_rgb(251, 247, 235);
const MARGIN: Color32 = Color32::from_rgb(226, 160, 156);

/// An open notebook lying at `at`: two pages with a fold between them, a red line
/// down each page's margin. `left` and `right` lay out each page's words (each page scrolls
/// when its words are longer than it). Returns what the pages return.
pub fn notebook<A, B>(
    ui: &mut egui::Ui,
    at: Rect,
    left: impl FnOnce(&mut egui::Ui) -> A,
    right: impl FnOnce(&mut egui::Ui) -> B,
) -> (A, B) {
    let p = ui.painter();
    paper(p, at);
    let fold = at.center().x;
    let pages = [
        Rect::from_min_max(at.min, pos2(fold, at.bottom())),
        Rect::from_min_max(pos2(fold, at.top()), at.max),
    ];
    // The fold: the paper darkens into it from both sides.
    for (k, a) in [(14.0f32, 10u8), (7.0, 16), (2.0, 30)] {
        p.rect_filled(
            Rect::from_center_size(pos2(fold, at.center().y), vec2(k * 2.0, at.height())),
            0.0,
            Color32::from_black_alpha(a),
        );
    }
    for page in pages {
        ruled(p, page);
    }
    let a = on_page(ui, pages[0], "the notebook's left page", left);
    let b = on_page(ui, pages[1], "the notebook's right page", right);
    (a, b)
}

/// A sheet lying at `at`, its words laid out by `add` (scrolling when longer than it).
pub fn sheet<R>(ui: &mut egui::Ui, at: Rect, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    paper(ui.painter(), at);
    ruled(ui.painter(), at);
    on_page(ui, at, "the sheet", add)
}

/// Paper lying on the floor: its shadow, then the sheet.
fn paper(p: &egui::Painter, at: Rect) {
    p.add(super::paper_shadow([3, 5], 14, 90).as_shape(at, 4.0));
    p.rect_filled(at, 4.0, PAPER);
}

/// A page's red line down its margin. (No ruled lines: wherever a line of words fell on one
/// it read as struck out.)
fn ruled(p: &egui::Painter, page: Rect) {
    p.vline(
        page.left() + 30.0,
        page.top()..=page.bottom(),
        Stroke::new(1.0, MARGIN),
    );
}

/// A page's words inside its margins.
fn on_page<R>(
    ui: &mut egui::Ui,
    page: Rect,
    salt: &str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let inner = Rect::from_min_max(page.min + vec2(40.0, 14.0), page.max - vec2(20.0, 12.0));
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner)
            .id_salt(salt)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    page_scroll(&mut child, salt, add)
}

/// A page's words, scrolling up and down when they are longer than it.
fn page_scroll<R>(ui: &mut egui::Ui, salt: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink([false, false])
        .max_height(ui.available_height())
        .show(ui, add)
        .inner
}

/// Where the scene's picture lies on the page: its top `share`, the whole width.
pub fn scene(page: Rect, share: f32) -> Rect {
    page.with_max_y(page.top() + page.height() * share)
}

/// Where the words lie under the scene: from a little over its foot to the page's foot,
/// inset from the page's sides.
pub fn under(page: Rect, scene: Rect) -> Rect {
    Rect::from_min_max(
        pos2(page.left() + 22.0, scene.bottom() - 14.0),
        pos2(page.right() - 22.0, page.bottom() - 14.0),
    )
}

/// Words on a sheet of paper lying on the scene, as wide as the page allows and as tall as
/// the words.
pub fn on_sheet<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::new()
        .fill(PAPER)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(14, 4))
        .shadow(super::paper_shadow([3, 5], 14, 90))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// The scene's picture at `scene` named for a screen reader (`id` its own, `text` what it
/// shows), on a screen whose scene is the page.
pub fn described(ui: &mut egui::Ui, scene: Rect, id: &str, text: &str) {
    let pic = ui.interact(
        scene.intersect(ui.clip_rect()),
        egui::Id::new(id),
        egui::Sense::hover(),
    );
    crate::access::describe(&pic, text);
}

/// The page's room taken by the scene: nothing of it scrolls as a whole.
pub fn take_page(ui: &mut egui::Ui) {
    ui.allocate_rect(ui.clip_rect(), egui::Sense::hover());
}
