// Loading this module attaches autograd to every Tensor (see tensor-methods.ts).
import { install } from "./tensor-methods";
install();
