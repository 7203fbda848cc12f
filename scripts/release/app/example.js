// The README's example, from an installed tarball (scripts/release-rehearsal.sh step 4).
const assert = require("node:assert");
const torch = require("@torchts/autograd");

const x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });
const y = torch.dot(x, x).mul(2);
assert.strictEqual(String(y), "tensor(28., grad_fn=<MulBackward0>)");
y.backward();
assert.strictEqual(String(x.grad), "tensor([ 0.,  4.,  8., 12.])");
// the umbrella is the same classes under PyTorch's namespaces
const umbrella = require("torchts");
assert.strictEqual(umbrella.Tensor, torch.Tensor);
assert.strictEqual(typeof umbrella.distributions.Normal, "function");
console.log("example: ok", String(x.grad));
