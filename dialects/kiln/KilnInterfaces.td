//===- KilnInterfaces.td - Interfaces of kiln ops ----------*- tablegen -*-===//

#ifndef KILN_INTERFACES
#define KILN_INTERFACES

include "mlir/IR/OpBase.td"

def Kiln_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let cppNamespace = "::kiln";
  let description = [{
    An op that declares how gradients flow through it. Reverse-mode automatic
    differentiation asks each op, through this interface alone, for the
    vector-Jacobian product: given the gradients of its results, the
    gradients of its operands. An operand that receives no gradient (an
    integer tensor, an index) gets a null Value.
  }];
  let methods = [
    InterfaceMethod<
      /*desc=*/[{
        Builds, at the builder's insertion point, an equivalent computation
        made of ops that have gradient rules, and sets `results` to its
        values (one per result). Automatic differentiation replaces an op
        that declares such an expansion by it before differentiating, so the
        op needs no rule of its own. Fails (with a diagnostic at the op when
        it cannot expand this instance) or silently when the op declares no
        expansion. By default the op's `buildGradientExpansion` method runs
        when it has one.
      }],
      /*retTy=*/"::llvm::LogicalResult",
      /*methodName=*/"expandForGradient",
      /*args=*/(ins "::mlir::OpBuilder &":$builder,
                    "::llvm::SmallVectorImpl<::mlir::Value> &":$results),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::kiln::buildDeclaredExpansion<ConcreteOp>($_op, builder,
                                                          results);
      }]>,
    InterfaceMethod<
      /*desc=*/[{
        Builds, at the builder's insertion point, the gradients with respect
        to each operand given `resultGradients` (one per result). Returns
        one Value per operand, null where the operand is not differentiable,
        or failure when the op has no gradient rule yet. A gradient may keep
        the broadcast shape of the result; the caller reduces it to the
        operand's shape. By default the op's rule declared with
        `let gradient` in TableGen (see GradientEmitter.h) runs.
      }],
      /*retTy=*/"::llvm::LogicalResult",
      /*methodName=*/"buildOperandGradients",
      /*args=*/(ins "::mlir::OpBuilder &":$builder,
                    "::mlir::ValueRange":$resultGradients,
                    "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGradients),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::kiln::buildDeclaredGradient<ConcreteOp>(
            $_op, builder, resultGradients, operandGradients);
      }]>,
    InterfaceMethod<
      /*desc=*/[{Whether gradients flow into operand `index`.}],
      /*retTy=*/"bool",
      /*methodName=*/"isDifferentiableOperand",
      /*args=*/(ins "unsigned":$index),
      /*methodBody=*/"",
      /*defaultImplementation=*/[{
        return ::mlir::isa<::mlir::FloatType>(::mlir::getElementTypeOrSelf(
            $_op->getOperand(index).getType()));
      }]>
  ];
}

#endif // KILN_INTERFACES
