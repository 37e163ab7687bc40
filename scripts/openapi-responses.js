#!/usr/bin/env node
/**
 * Response schemas for the OpenAPI document, read from the code itself: for every route handler (a method with
 * @Get/@Post/… in a class with @Controller) the TypeScript checker resolves what the handler returns — a declared
 * return type such as Promise<WishDetail> from domain/src/views, or the type inferred from the service it calls —
 * and this turns that type into a JSON schema. Named interfaces, classes and type aliases become
 * components/schemas; anonymous shapes are written inline.
 *
 * Writes server/src/openapi/responses.generated.json, which the server reads when it builds /api/docs-json
 * (the compiler is not needed at run time). `server/src/openapi/responses.spec.ts` fails when the file no longer
 * matches the handlers, so a changed response type cannot drift from the document unnoticed.
 *
 *   npm run openapi:responses     (node scripts/openapi-responses.js) regenerates it
 */
const path = require('path');
const fs = require('fs');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'server');
const OUT = path.join(SERVER, 'src', 'openapi', 'responses.generated.json');
const HTTP = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All']);
const BINARY = new Set(['Buffer', 'Uint8Array', 'StreamableFile', 'Readable', 'ReadStream', 'Stream', 'ArrayBuffer']);
const OURS = [`${path.sep}domain${path.sep}src${path.sep}`, `${path.sep}server${path.sep}src${path.sep}`];

function decoratorNames(node) {
  return (ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : []).map((d) => {
    const e = d.expression;
    return ts.isCallExpression(e) ? e.expression.getText() : e.getText();
  });
}

function generate() {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(SERVER, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  // The domain's source, not its build: the schemas follow domain/src even before `npm run build:domain`.
  const options = { ...parsed.options, noEmit: true, baseUrl: ROOT, paths: { '@linli/domain': ['domain/src/index.ts'] } };
  const roots = parsed.fileNames.filter((f) => f.endsWith('.controller.ts'));
  const program = ts.createProgram(roots, options);
  const checker = program.getTypeChecker();
  const converter = new Converter(checker, aliasNames(program, checker));
  const operations = {};
  for (const file of roots.map((f) => program.getSourceFile(f)).filter(Boolean)) {
    ts.forEachChild(file, function visit(node) {
      if (ts.isClassDeclaration(node) && node.name && decoratorNames(node).includes('Controller')) {
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member) || !decoratorNames(member).some((n) => HTTP.has(n))) continue;
          const signature = checker.getSignatureFromDeclaration(member);
          const returned = checker.getReturnTypeOfSignature(signature);
          const type = checker.getAwaitedType(returned) ?? returned;
          operations[`${node.name.text}_${member.name.getText()}`] = converter.schema(type);
        }
      }
      ts.forEachChild(node, visit);
    });
  }
  return { schemas: sortKeys(converter.components), operations: sortKeys(operations) };
}

/** type id → the name of a type alias declared for it here, e.g. the union behind `type TicketAction = (typeof TICKET_ACTIONS)[number]`. */
function aliasNames(program, checker) {
  const names = new Map();
  for (const file of program.getSourceFiles()) {
    if (!OURS.some((dir) => file.fileName.includes(dir))) continue;
    ts.forEachChild(file, (node) => {
      if (!ts.isTypeAliasDeclaration(node) || node.typeParameters) return;
      const type = checker.getTypeAtLocation(node.name);
      if (!names.has(type.id)) names.set(type.id, node.name.text);
    });
  }
  return names;
}

class Converter {
  constructor(checker, aliases) {
    this.checker = checker;
    this.aliases = aliases;
    this.components = {};
    this.names = new Map(); // type id → component name
  }

  /** JSON schema of what JSON.stringify makes of a value of this type; null for no body (void). */
  schema(type) {
    const f = type.flags;
    if (f & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return null;
    return this.convert(type);
  }

  convert(type) {
    const c = this.checker;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return {};
    if (f & ts.TypeFlags.Null) return { nullable: true };
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [type.intrinsicName === 'true'] };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BigIntLike) return { type: 'integer' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    const name = this.componentName(type);
    if (name) return { $ref: `#/components/schemas/${name}` };
    return this.structure(type);
  }

  structure(type) {
    const c = this.checker;
    if (type.isUnion()) return this.union(type.types);
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
    if (BINARY.has(symbolName)) return { type: 'string', format: 'binary' };
    if (c.isArrayType(type)) return { type: 'array', items: this.convert(c.getTypeArguments(type)[0]) };
    if (c.isTupleType(type)) {
      const items = c.getTypeArguments(type);
      return { type: 'array', items: this.union(items), minItems: items.length, maxItems: items.length };
    }
    const properties = {};
    const required = [];
    for (const prop of c.getPropertiesOfType(type)) {
      const propType = c.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length && !c.getPropertiesOfType(propType).length) continue; // a method: not JSON
      const optional = !!(prop.flags & ts.SymbolFlags.Optional) || (propType.isUnion() && propType.types.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      properties[prop.getName()] = this.convert(propType);
      if (!optional) required.push(prop.getName());
    }
    const out = { type: 'object' };
    if (Object.keys(properties).length) out.properties = properties;
    if (required.length) out.required = required;
    const index = c.getIndexInfosOfType(type).find((i) => i.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
    if (index) out.additionalProperties = this.convert(index.type);
    return out;
  }

  union(types) {
    const present = types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const nullable = present.some((t) => t.flags & ts.TypeFlags.Null);
    let rest = present.filter((t) => !(t.flags & ts.TypeFlags.Null));
    let out;
    const booleans = rest.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    if (booleans.length === 2) rest = [...rest.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)), 'boolean'];
    if (rest.length && rest.every((t) => t !== 'boolean' && t.flags & ts.TypeFlags.StringLiteral)) out = { type: 'string', enum: rest.map((t) => t.value) };
    else if (rest.length && rest.every((t) => t !== 'boolean' && t.flags & ts.TypeFlags.NumberLiteral)) out = { type: 'number', enum: rest.map((t) => t.value) };
    else {
      const seen = new Set();
      const schemas = rest.map((t) => (t === 'boolean' ? { type: 'boolean' } : this.convert(t))).filter((s) => {
        const k = JSON.stringify(s);
        return seen.has(k) ? false : (seen.add(k), true);
      });
      out = schemas.length === 0 ? {} : schemas.length === 1 ? schemas[0] : { oneOf: schemas };
    }
    if (!nullable) return out;
    // OpenAPI 3.0 allows nothing beside a $ref.
    return out.$ref || out.oneOf ? { allOf: [out.$ref ? out : { oneOf: out.oneOf }], nullable: true } : { ...out, nullable: true };
  }

  /** A name for interfaces, classes and aliases declared in this repository (not Promise, Record, Partial …). */
  componentName(type) {
    const c = this.checker;
    if (type.flags & ts.TypeFlags.Object) {
      const s = type.getSymbol()?.getName();
      if (s === 'Date' || BINARY.has(s) || c.isArrayType(type) || c.isTupleType(type)) return null;
    }
    const symbol = type.aliasSymbol ?? (type.getSymbol() && type.getSymbol().flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) ? type.getSymbol() : null);
    const decl = symbol?.declarations?.[0];
    if (!decl || !OURS.some((dir) => decl.getSourceFile().fileName.includes(dir))) return null;
    const id = type.id;
    if (this.names.has(id)) return this.names.get(id);
    const args = type.aliasSymbol ? type.aliasTypeArguments ?? [] : type.flags & ts.TypeFlags.Object && type.objectFlags & ts.ObjectFlags.Reference ? c.getTypeArguments(type) : [];
    const argName = (a) => a.aliasSymbol?.getName() ?? this.aliases.get(a.id) ?? c.typeToString(a);
    const base = [symbol.getName(), ...args.map(argName)].join('_').replace(/[^A-Za-z0-9_]+/g, '');
    let name = base;
    for (let n = 2; name in this.components; n++) name = `${base}${n}`;
    this.names.set(id, name);
    this.components[name] = {}; // placeholder: a type may refer to itself
    this.components[name] = this.structure(type);
    return name;
  }
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

function render(doc) {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

module.exports = { generate, render, OUT };

if (require.main === module) {
  fs.writeFileSync(OUT, render(generate()));
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
}
