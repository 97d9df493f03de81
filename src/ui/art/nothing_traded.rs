//! The places where nothing is traded, as what is there: home's room by day, the main
//! street's people behind its wall.

use super::*;

/// The room's things by day, in the morning's light: the cabinet under the leaders'
/// portraits with the television on it, the bedding folded against the wall, the low table
/// on the floor for the evening.
pub(super) fn home_things(p: &Painter, r: Rect) {
    let light = Light::Morning;
    let (w, h) = (r.width(), r.height());
    let floor = r.top() + h * 0.78;
    // The cabinet and the set on it, under the portraits (left of the window).
    let cab = Rect::from_min_max(
        pos2(r.left() + w * 0.5, floor - h * 0.2),
        pos2(r.left() + w * 0.68, floor),
    );
    p.rect_filled(cab, 2.0, light.tint(WOOD));
    p.line_segment(
        [
            pos2(cab.center().x, cab.top() + 4.0),
            pos2(cab.center().x, cab.bottom() - 4.0),
        ],
        Stroke::new(1.5, light.tint(Color32::from_rgb(80, 56, 38))),
    );
    for x in [cab.center().x - 8.0, cab.center().x + 8.0] {
        p.circle_filled(
            pos2(x, cab.center().y),
            2.0,
            Color32::from_rgb(200, 170, 90),
        );
    }
    let tv = Rect::from_min_max(
        pos2(cab.left() + cab.width() * 0.18, cab.top() - h * 0.16),
        pos2(cab.left() + cab.width() * 0.7, cab.top()),
    );
    p.rect_filled(tv, 4.0, light.tint(Color32::from_rgb(58, 56, 56)));
    p.rect_filled(
        tv.shrink2(vec2(tv.width() * 0.1, tv.height() * 0.14)),
        6.0,
        light.tint(Color32::from_rgb(70, 84, 88)),
    );
    // (A cloth over its top, as a set is kept.)
    p.rect_filled(
        Rect::from_min_max(
            tv.left_top() - vec2(3.0, 3.0),
            pos2(tv.right() + 3.0, tv.top() + tv.height() * 0.12),
        ),
        2.0,
        light.tint(Color32::from_rgb(236, 232, 220)),
    );
    // The bedding, folded and stacked against the wall.
    let colours = [
        (196, 92, 84),
        (96, 128, 160),
        (226, 206, 150),
        (140, 160, 110),
    ];
    let mut top = floor;
    for (k, (cr, cg, cb)) in colours.into_iter().enumerate() {
        let t = h * 0.055;
        let inset = k as f32 * 2.0;
        let quilt = Rect::from_min_max(
            pos2(r.left() + w * 0.36 + inset, top - t),
            pos2(r.left() + w * 0.46 - inset, top),
        );
        p.rect_filled(quilt, t * 0.4, light.tint(Color32::from_rgb(cr, cg, cb)));
        top -= t;
    }
    // The low table on the floor, seen from the side: its round top and short legs.
    let wood = light.tint(Color32::from_rgb(136, 96, 60));
    let y = floor + h * 0.1;
    let top = Rect::from_min_max(
        pos2(r.left() + w * 0.4, y - h * 0.085),
        pos2(r.left() + w * 0.6, y - h * 0.06),
    );
    for x in [
        top.left() + top.width() * 0.12,
        top.right() - top.width() * 0.12 - w * 0.012,
    ] {
        p.rect_filled(
            Rect::from_min_max(pos2(x, top.bottom()), pos2(x + w * 0.012, y)),
            1.0,
            light.tint(Color32::from_rgb(110, 76, 48)),
        );
    }
    p.rect_filled(top, top.height() * 0.5, wood);
}

/// People going about the street: a low wall along the far side of the pavement, and
/// passers-by walking along it, head to foot, smaller than her and paled by the distance.
pub(super) fn passers_by(p: &Painter, r: Rect, light: Light) {
    let h = r.height();
    let wall = r.top() + h * 0.7;
    // The wall: concrete, its top lit, its posts; the pavement before it.
    let top = wall - h * 0.035;
    let band = Rect::from_min_max(pos2(r.left(), top), pos2(r.right(), r.top() + h * 0.82));
    p.rect_filled(
        Rect::from_min_max(pos2(r.left(), band.bottom()), r.max),
        0.0,
        light.tint(Color32::from_rgb(190, 184, 172)),
    );
    p.rect_filled(band, 0.0, light.tint(Color32::from_rgb(176, 170, 158)));
    p.rect_filled(
        band.with_max_y(top + 3.0),
        0.0,
        light.tint(Color32::from_rgb(200, 194, 182)),
    );
    let mut x = band.left() + 40.0;
    while x < band.right() - 10.0 {
        p.rect_filled(
            Rect::from_min_max(pos2(x, top - 4.0), pos2(x + 9.0, band.bottom())),
            1.0,
            light.tint(Color32::from_rgb(160, 154, 142)),
        );
        x += 120.0;
    }
    // (Heads over the wall read as a jury box; standing face-on, as a line-up: whole people
    // seen from the side, walking along the pavement, both ways.)
    for (fx, k, heading, coat, old, load) in [
        (0.07, 0.5, 1.0, Color32::from_rgb(72, 84, 104), false, false),
        (0.2, 0.46, 1.0, Color32::from_rgb(110, 100, 120), true, true),
        (
            0.45,
            0.48,
            -1.0,
            Color32::from_rgb(120, 82, 92),
            false,
            true,
        ),
        (
            0.58,
            0.52,
            -1.0,
            Color32::from_rgb(100, 96, 90),
            true,
            false,
        ),
    ] {
        let foot = pos2(r.left() + r.width() * fx, r.top() + h * 0.9);
        let hair = if old { GREY_HAIR } else { HAIR };
        walker(p, foot, h * k, heading, coat, hair, load, light);
    }
    // The distance's haze over them.
    let haze = light.tint(Color32::from_rgb(214, 214, 208));
    // (Rounded as the scene's frame: square, it tinted the corners outside it.)
    p.rect_filled(r, 8.0, haze.gamma_multiply(0.12));
}
