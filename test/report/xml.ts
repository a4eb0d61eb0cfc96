/**
 * A small XML well-formedness checker for the report tests (no XML parser is a dependency):
 * tags nest and close, attribute values are quoted, entities are known or numeric, at most one
 * root element. Returns the element names in document order, or throws naming the problem.
 */
export function checkWellFormedXml(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const text = xml.replace(/^<\?xml[^?]*\?>/, '');
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|&/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const tok = m[0];
    if (tok.startsWith('<!--') || tok.startsWith('<![CDATA[')) continue;
    if (tok === '<') throw new Error(`stray '<' at ${m.index}: ${text.slice(m.index, m.index + 40)}`);
    if (tok === '&') throw new Error(`bare '&' at ${m.index}`);
    if (tok.startsWith('&')) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(tok)) throw new Error(`unknown entity ${tok}`);
      continue;
    }
    const [, close, name = '', , selfClose] = m;
    if (close === '/') {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots++;
      names.push(name);
      if (selfClose !== '/') stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
  return names;
}
