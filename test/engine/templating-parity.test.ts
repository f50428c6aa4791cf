// Templating as DVC's parser does it (dvc/parsing/), end to end through `pipe`: each test names the DVC test in
// tests/func/parsing/ it mirrors.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** `pipe repro --dry`'s stage list is not enough: run and read what each generated cmd wrote. */
async function run(): Promise<{ code: number; stderr: string; stdout: string }> {
  return rig.pipe(['repro']);
}

describe('context: params.yaml and vars', () => {
  // test_resolver.py::test_load_vars_from_file and test_interpolated_entry.py::test_stage_with_wdir
  test('vars files deep-merge with params.yaml; stage-level vars load relative to the stage wdir', async () => {
    rig.write('params.yaml', 'dict:\n  bar: bar\n');
    rig.write('extra.json', '{"datasets": ["a", "b"]}');
    rig.write('data/params.yaml', 'dict:\n  foo: foo\n');
    rig.write('pipeline.yaml', `vars: [extra.json]
stages:
  stage1:
    wdir: data
    vars: [params.yaml]
    cmd: echo \${dict.foo} \${dict.bar} \${datasets[1]} > out.txt
    outs: [out.txt]
`);
    const r = await run();
    expect(r.stderr).toBe('');
    expect(rig.read('data/out.txt')).toBe('foo bar b\n');
  });

  // test_resolver.py::test_global_overwrite_vars, ::test_local_declared_vars_overwrite, ::test_global_overwrite_error_on_imports
  test.each([
    ['vars:\n  - models:\n      bar: baz\n', "cannot redefine 'models.bar' from 'vars[0]' as it already exists in 'params.yaml'"],
    ['vars:\n  - {bar: 1}\n  - {bar: 2}\n', "cannot redefine 'bar' from 'vars[1]' as it already exists in 'vars[0]'"],
    ['vars: [params.yaml, params.json]\n', "cannot redefine 'models.bar' from 'params.json' as it already exists in 'params.yaml'"],
  ])('a clash is "cannot redefine", never a silent override (%#)', async (vars, message) => {
    rig.write('params.yaml', 'models:\n  bar: bar\n  foo: foo\n');
    rig.write('params.json', '{"models": {"bar": "bar"}}');
    rig.write('pipeline.yaml', `${vars}stages:\n  a:\n    cmd: echo \${models.foo}\n`);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`failed to parse 'vars' in 'pipeline.yaml': ${message}`);
  });

  // test_resolver.py::test_vars_interpolation_errors, test_errors.py::test_partial_vars_doesnot_exist
  test('vars cannot be interpolated; a missing selected key is named', async () => {
    rig.write('pipeline.yaml', "vars: ['${file}_params.yaml']\nstages:\n  a:\n    cmd: echo x\n");
    expect((await run()).stderr).toContain("failed to parse 'vars' in 'pipeline.yaml': interpolating is not allowed");
    rig.write('test_params.yaml', 'sub1: sub1\n');
    rig.write('pipeline.yaml', 'stages:\n  build:\n    vars: [test_params.yaml:sub3]\n    cmd: echo ${sub1}\n');
    expect((await run()).stderr).toContain("failed to parse stage 'build' in 'pipeline.yaml': could not find 'sub3' in 'test_params.yaml'");
  });
});

describe('values', () => {
  // tests/func/parsing/__init__.py TEMPLATED_DVC_YAML_DATA (`frozen: ${freeze}` resolves to True)
  test('a whole-value ${…} keeps its type: frozen: ${freeze} freezes the stage', async () => {
    rig.write('params.yaml', 'freeze: true\ndict: {foo: foo, bar: bar}\n');
    rig.write('pipeline.yaml', `stages:\n  stage1:\n    cmd: ${rig.fake('stage1', '${dict.bar}')}\n    outs: ['\${dict.bar}']\n    frozen: \${freeze}\n`);
    const r = await run();
    expect(r.code).toBe(0);
    expect(rig.count('stage1')).toBe(0);
    expect(r.stdout).toContain('frozen');
  });

  // test_errors.py::test_interpolate_non_string, ::test_failed_to_interpolate, ::test_interpolate_nested_iterable
  test.each([
    ['outs: ${models}', "failed to parse 'stages.build.outs' in 'pipeline.yaml': Cannot interpolate data of type 'dict'"],
    ['cmd: echo ${models.foo.}', "failed to parse 'stages.build.cmd' in 'pipeline.yaml': ${models.foo.}: ParseException: Expected end of text, found '.'  (at char 12), (line:1, col:13)"],
    ['cmd: echo ${nested}', "failed to parse 'stages.build.cmd' in 'pipeline.yaml': Cannot interpolate nested iterable in 'list'"],
    ['cmd: echo ${models.foobar}', "failed to parse 'stages.build.cmd' in 'pipeline.yaml': Could not find 'models.foobar'"],
  ])("DVC's error for %s", async (line, message) => {
    rig.write('params.yaml', 'models: {foo: foo}\nnested: {list: [1, [2, 3]]}\n');
    rig.write('pipeline.yaml', `stages:\n  build:\n    ${line.startsWith('cmd') ? line : `cmd: echo x\n    ${line}`}\n`);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  // test_interpolated_entry.py::test_cmd_dict (default, and parsing.bool/list from the project config)
  test('a mapping in cmd becomes flags; .pipe/config.yaml parsing: {bool: boolean_optional, list: append}', async () => {
    rig.write('params.yaml', 'dict:\n  foo: foo\n  bar: 2\n  string: spaced string\n  bool: true\n  bool-false: false\n  list: [1, 2, foo]\n  nested:\n    foo: foo\n');
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo ${dict} > out.txt\n    outs: [out.txt]\n');
    expect((await run()).code).toBe(0);
    expect(rig.read('out.txt')).toBe('--foo foo --bar 2 --string spaced string --bool --list 1 2 foo --nested.foo foo\n');
    rig.write('.pipe/config.yaml', 'parsing:\n  bool: boolean_optional\n  list: append\n');
    expect((await run()).code).toBe(0);
    expect(rig.read('out.txt')).toBe('--foo foo --bar 2 --string spaced string --bool --no-bool-false --list 1 --list 2 --list foo --nested.foo foo\n');
  });

  // interpolate.py KEYCRE (?<!\\) and str_interpolate's final replace
  test('\\${ is a literal ${ in the command', async () => {
    rig.write('params.yaml', 'x: 1\n');
    rig.write('pipeline.yaml', "stages:\n  a:\n    cmd: X=5; echo \"${x} \\${X}\" > out.txt\n    outs: [out.txt]\n");
    expect((await run()).code).toBe(0);
    expect(rig.read('out.txt')).toBe('1 5\n');
  });
});

describe('foreach and matrix', () => {
  // test_foreach.py::test_foreach_interpolate_with_composite_data (${item.thresh} and ${item[thresh]}),
  // ::test_mixed_vars_for_foreach_data (foreach data holding ${…})
  test('${item[thresh]} over a mapping; foreach data with ${…} inside; ${key} only for mappings', async () => {
    rig.write('params.yaml', 'models:\n  model1: {thresh: foo}\n  model2: {thresh: bar}\nfirst: a\n');
    rig.write('pipeline.yaml', `stages:
  build:
    foreach: \${models}
    do:
      cmd: echo \${key} \${item[thresh]} \${item.thresh} > \${key}.txt
      outs: ['\${key}.txt']
  lists:
    foreach: ['\${first}', b]
    do:
      cmd: echo \${item} > l-\${item}.txt
      outs: ['l-\${item}.txt']
`);
    const r = await run();
    expect(r.stderr).toBe('');
    expect(rig.read('model1.txt')).toBe('model1 foo foo\n');
    expect(rig.read('l-a.txt')).toBe('a\n');
    rig.write('pipeline.yaml', 'stages:\n  lists:\n    foreach: [a, b]\n    do:\n      cmd: echo ${key}\n');
    expect((await run()).stderr).toContain("failed to parse 'stages.lists@a.cmd' in 'pipeline.yaml': Could not find 'key'");
  });

  // test_matrix.py::test_matrix_interpolated and ::test_matrix_key_present
  test('matrix: ${item.axis}, composite values named axis<i>, ${key} is the generated key', async () => {
    rig.write('params.yaml', 'os: [win, linux]\npyv: [3.7, 3.8]\ndict: [{arg1: 1}, {arg2: 2}]\n');
    rig.write('pipeline.yaml', `stages:
  build:
    matrix:
      os: \${os}
      pyv: \${pyv}
      dict: \${dict}
    cmd: echo \${item.os} \${item.pyv} \${item.dict} \${key} >> out.txt
`);
    const r = await rig.pipe(['repro', '-j', '1']);
    expect(r.stderr).toBe('');
    const lines = rig.read('out.txt').trim().split('\n').sort();
    expect(lines).toHaveLength(8);
    expect(lines).toContain('win 3.7 --arg1 1 win-3.7-dict0');
    expect(lines).toContain('linux 3.8 --arg2 2 linux-3.8-dict1');
  });

  // test_errors.py::test_item_key_in_generated_stage_vars, ::test_foreach_data_expects_list_or_dict,
  // ::test_foreach_overwriting_item_in_list (warning)
  test('local vars may not shadow item/key; foreach needs a list or mapping; a global item is warned about', async () => {
    rig.write('pipeline.yaml', 'stages:\n  build:\n    foreach: {model1: {thresh: 10}}\n    do:\n      vars: [{item: 5, key: 10}]\n      cmd: echo ${item}\n');
    expect((await run()).stderr).toContain("failed to parse stage 'build@model1' in 'pipeline.yaml': attempted to modify reserved keys item and key");
    rig.write('test_params.yaml', 'item: 5\n');
    rig.write('pipeline.yaml', 'stages:\n  build:\n    foreach: [a]\n    do:\n      vars: [test_params.yaml]\n      cmd: echo ${item}\n');
    expect((await run()).stderr).toContain("attempted to modify reserved key item in 'test_params.yaml'");
    rig.write('params.yaml', 'foo: bar\n');
    rig.write('pipeline.yaml', 'stages:\n  build:\n    foreach: ${foo}\n    do:\n      cmd: echo ${item}\n');
    expect((await run()).stderr).toContain("failed to resolve 'stages.build.foreach' in 'pipeline.yaml': expected list/dictionary, got str");
    rig.write('params.yaml', 'item: 10\n');
    rig.write('pipeline.yaml', 'stages:\n  build:\n    foreach: {model1: 10}\n    do:\n      cmd: echo ${item}\n');
    const warned = await run();
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain("item is already specified, will be overwritten for stages generated from 'build'");
  });
});
