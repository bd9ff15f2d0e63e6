// Builds DOM nodes with text set through textContent only: article text never becomes markup.

const SAFE_URL = /^(https?:\/\/|#|\/)/i;

/** A link target that cannot run script: `#…`, `/…`, `http(s)://…`; anything else becomes `#`. */
export function safeHref(value) {
  const text = String(value ?? '').trim();
  return SAFE_URL.test(text) && !text.startsWith('//') ? text : '#';
}

/** `h('a', {href: '#/doc/1', class: 'x', onclick: f}, 'text', child)`. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'href') element.setAttribute('href', safeHref(value));
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}
