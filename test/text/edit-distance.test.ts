// The one rule behind every "did you mean": fewest edits, then the longest shared start, then the
// nearest number where the names differ, then the order given; a cut-off keeps far names out.
import { closestName, closestNames, closestNodeId, rankNames } from '../../src/text/edit-distance.js';

describe('closestName', () => {
  test('plan row B5 suggests B4, its neighbour, not the first or the alphabetically first of the rows one edit away', () => {
    // 0.2 sorted equals by name: A5 won.
    expect(closestName('B5', ['A1', 'A5', 'B1', 'B2', 'B3', 'B4'])).toBe('B4');
    expect(closestName('B5', ['B6', 'B4'])).toBe('B6');
    expect(closestName('B15', ['B11', 'B19', 'B14'])).toBe('B14');
  });

  test('ties go to the longest shared start, then to the order given', () => {
    expect(closestName('D9', ['X9', 'D8'])).toBe('D8');
    expect(closestName('E3.X', ['E3.A', 'E3.B', 'E3.C'])).toBe('E3.A');
  });

  test('fewest edits wins; a swap is one edit; letter case is no edit but still a suggestion', () => {
    expect(closestName('backend-selektion', ['backend', 'backend-selection'])).toBe('backend-selection');
    expect(closestName('TSET-1', ['TEST-12', 'TEST-1'])).toBe('TEST-1');
    expect(closestName('findings.MD', ['findings.md'])).toBe('findings.md');
  });

  test('nothing past the cut-off (a third of the name, at least one edit), and never the name itself', () => {
    expect(closestName('banana', ['timeout', 'retries'])).toBeUndefined();
    expect(closestName('D1', ['D1'])).toBeUndefined();
    expect(closestName('abc', ['xyz'], { maxDistance: 3 })).toBe('xyz');
    expect(closestNames('D33', ['C1', 'D1', 'D2', 'D3'])).toEqual(['D3']);
  });

  test('rankNames with no cut-off orders every name', () => {
    expect(rankNames('TEST-1', ['TESTS-12', 'TSET-1', 'ALPHA', 'BETA'], { maxDistance: Infinity })).toEqual(['TSET-1', 'TESTS-12', 'BETA', 'ALPHA']);
  });
});

describe('closestNodeId', () => {
  test('a misspelt test name suggests the test one edit away, not the first one that shares its words', () => {
    // 0.2 picked by shared words alone: test_reassemble_offset shares as many as _complex.
    expect(closestNodeId('::test_reassemble_complx', ['::test_reassemble_offset', '::test_reassemble_complex'])).toBe('::test_reassemble_complex');
  });

  test('a renamed test, far in edits, is still found by the words it shares', () => {
    const ids = ['::test_default_backend_is_tensorflow', '::test_pytorch_selected_when_torch_importable', '::test_pytorch_without_torch_raises_actionable_runtime_error'];
    expect(closestNodeId('::TestBackendSelection::test_pytorch_unavailable_raises_runtime_error', ids)).toBe('::test_pytorch_without_torch_raises_actionable_runtime_error');
    expect(closestNodeId('::test_something_else_entirely', ids)).toBeUndefined();
  });
});
