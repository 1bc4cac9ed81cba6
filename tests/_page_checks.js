// Run in each report page by tests/_browser.py: facts a reader (or a screen reader)
// relies on. Returns a plain object.
(() => {
  const rgb = (text) => text.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && !bg.startsWith("rgba(0, 0, 0, 0)") && bg !== "transparent") return rgb(bg);
    }
    return [255, 255, 255];
  };
  const texts = [...document.querySelectorAll("h1, h2, h3, p, th, td, dt, dd, li, a, .badge, caption, figcaption")]
    .filter((el) => el.innerText && el.innerText.trim());
  const contrasts = texts.map((el) => ratio(rgb(getComputedStyle(el).color), background(el)));
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
  let skipped = 0;
  levels.forEach((level, i) => { if (i > 0 && level > levels[i - 1] + 1) skipped += 1; });
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll("h1").length,
    skipped_heading_levels: skipped,
    th_without_scope: [...document.querySelectorAll("th")].filter((th) => !th.hasAttribute("scope")).length,
    svgs: document.querySelectorAll("svg").length,
    svgs_without_name: [...document.querySelectorAll("svg")].filter(
      (svg) => svg.getAttribute("role") !== "img" || !svg.querySelector("title")).length,
    lowest_contrast: contrasts.length ? Math.min(...contrasts) : 21,
    scripts: document.querySelectorAll("script").length,
    images: document.querySelectorAll("img, iframe, object, embed").length,
    external: [...document.querySelectorAll("[src], [href]")]
      .map((el) => el.getAttribute("src") || el.getAttribute("href"))
      .filter((url) => !url.startsWith("#") && !url.startsWith("data:")),
  };
})
