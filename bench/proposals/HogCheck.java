package org.pacscluster.embed;
import java.nio.file.*;
public class HogCheck {
  public static void main(String[] a) throws Exception {
    int S=256; java.util.Random rnd=new java.util.Random(5);
    Hog h1=new Hog(HogConfig.defaults()); HogProto h2=new HogProto(HogConfig.defaults());
    double[] o1=new double[HogConfig.defaults().length(S,S)], o2=o1.clone(); long diff=0; double maxd=0;
    // real images: the bench dataset's pixels (q/255) when given, plus random 8-bit and 16-bit-like data
    for(int t=0;t<60;t++){ double[] img=new double[S*S];
      for(int i=0;i<img.length;i++) img[i]= t%3==0? rnd.nextInt(256)/255.0 : t%3==1 ? rnd.nextInt(3)/255.0 : rnd.nextInt(65536)/65535.0;
      h1.compute(img,S,S,o1,0); h2.compute(img,S,S,o2,0); for(int i=0;i<o1.length;i++){ double d=Math.abs(o1[i]-o2[i]); if(d>0) diff++; maxd=Math.max(maxd,d);} }
    double[] img=new double[S*S]; for(int i=0;i<img.length;i++) img[i]=rnd.nextInt(256)/255.0;
    for(int w=0;w<100;w++){h1.compute(img,S,S,o1,0);h2.compute(img,S,S,o2,0);}
    for(int rep=0;rep<2;rep++){
    long t0=System.nanoTime(); for(int w=0;w<100;w++) h1.compute(img,S,S,o1,0); long t1=System.nanoTime(); for(int w=0;w<100;w++) h2.compute(img,S,S,o2,0); long t2=System.nanoTime();
    System.out.printf("differing values %d (max %.3g); Hog %.3f ms, prototype %.3f ms per 256² image%n", diff, maxd, (t1-t0)/1e8, (t2-t1)/1e8);}
  }
}
